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
