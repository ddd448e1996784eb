// gatun-golden: -m status --package golden.status
/* Integer results that are statuses (a status directive): the friendly methods return what else the function gives and
   throw NativeStatusException with the header's name for a failed status and the library's own text for it. */
#include <string.h>

enum st_error { ST_OK = 0, ST_ENOTFOUND = -3, ST_ERANGE = -7, ST_EAGAIN = 11 };
#define ST_EALIAS (-3)     /* a second name for -3: the first in header order names the status */
#define ST_EXTRA_FLAGS 11  /* not a status: excluded from names(...) by !ST_EXTRA* */

static const char *const keys[] = {"alpha", "beta", "gamma"};

const char *st_strerror(int status) {
    switch (status) {
        case ST_OK: return "success";
        case ST_ENOTFOUND: return "no such key";
        case ST_ERANGE: return "value out of range";
        case ST_EAGAIN: return "try again";
        default: return "unknown status";
    }
}

// gatun: status(st_*, !st_count) ok(ST_OK) names(ST_E*, !ST_EXTRA*) message(st_strerror)
// gatun: index out
int st_find(const char *key, int *index) {
    for (int i = 0; i < 3; i++) {
        if (strcmp(keys[i], key) == 0) {
            *index = i;
            return ST_OK;
        }
    }
    return ST_ENOTFOUND;
}

/* gatun: x dimension(n) */
int st_scale(double *x, int n, double factor) {
    if (factor < 0) {
        return ST_ERANGE;
    }
    for (int i = 0; i < n; i++) {
        x[i] *= factor;
    }
    return ST_OK;
}

int st_code(int code) {
    return code;
}

/* Not an integer: the status rule leaves it alone. */
/* gatun: x dimension(n) */
double st_mean(const double *x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        s += x[i];
    }
    return n > 0 ? s / n : 0;
}

// gatun: status(st_count) ok(>= 0) names(ST_E*, !ST_EXTRA*)
int st_count(int n) {
    return n >= 0 ? n * 2 : ST_ERANGE;
}

/* CFITSIO's convention: the status goes through the last parameter, and a nonzero status on entry makes the function
   return at once. The friendly methods hide 'status', pass 0 in and throw for what the function stored; the text
   comes from a function filling a buffer. */
// gatun: status(pst_*) param(status) ok(ST_OK) names(ST_E*, !ST_EXTRA*) message(pst_errtext)
/* gatun: text out dimension(32) */
void pst_errtext(int status, char *text) {
    strncpy(text, st_strerror(status), 31);
    text[31] = '\0';
}

/* gatun: half out */
int pst_half(int value, int *half, int *status) {
    if (*status != ST_OK) {
        return *status;
    }
    if (value % 2 != 0) {
        return *status = ST_ERANGE;
    }
    *half = value / 2;
    return *status;
}

/* A result that is not the status is returned. */
/* gatun: x dimension(n) */
double pst_sum(const double *x, int n, int *status) {
    if (*status != ST_OK) {
        return 0;
    }
    if (n == 0) {
        *status = ST_ENOTFOUND;
        return 0;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
        s += x[i];
    }
    return s;
}

void pst_set(int code, int *status) {
    if (*status == ST_OK) {
        *status = code;
    }
}

/* No status parameter: the rule leaves it alone. */
int pst_twice(int value) {
    return 2 * value;
}
