// gatun-golden: -m cdecls --package golden.cdecls
/* Everything a header declares besides plain functions reaches Java: constants, globals, every struct and
   union, function-pointer types, variadic functions, address accessors, typedef'd array and void parameters. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CDECLS_MAX 100
#define CDECLS_BIG 0x100000000LL
#define CDECLS_NAME "cdecls\t1.0"
#define CDECLS_SCALE (2.5)
enum { ROW_MAJOR = 101, COL_MAJOR = 102, BELOW = -5 };
enum colour { RED, GREEN = 10 };

struct point { double x, y; };
/* Used by no function: still bound. */
struct polygon { int n; char label[8]; struct point corners[3]; };
union number { int i; double d; };
/* gcc accepts the last member without its ';'. */
struct lax { int i };

typedef double vec3[3];
typedef int (*compare_fn)(const void *, const void *);
typedef struct point (*transform_fn)(struct point, double);
typedef void void_t;

int counter = 3;
const double ratio = 0.5;
double table[4] = {1, 2, 3, 4};
int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
struct point origin_point = {1.5, -2.5};
static int by_value(const void *a, const void *b) { return *(const int *) a - *(const int *) b; }
compare_fn default_compare = by_value;

struct ops { compare_fn compare; transform_fn transform; };

/* A typedef'd array parameter decays to a pointer, as C says. */
double vec3_sum(vec3 v) {
    return v[0] + v[1] + v[2];
}

/* (void_t) declares no parameters. */
int counter_value(void_t) {
    return counter;
}

/* Calls back a transform that takes and returns a struct by value. */
double apply_transform(transform_fn f, double factor) {
    struct point p = {3, 4};
    struct point r = f(p, factor);
    return r.x + r.y;
}

int call_compare(compare_fn cmp, int a, int b) {
    return cmp(&a, &b);
}

/* Variadic: Java asks for the call shape. */
int format_into(char *buffer, int size, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(buffer, (size_t) size, format, ap);
    va_end(ap);
    return n;
}

double sum_doubles(int count, ...) {
    va_list ap;
    va_start(ap, count);
    double s = 0;
    for (int i = 0; i < count; i++) {
        s += va_arg(ap, double);
    }
    va_end(ap);
    return s;
}

/* Unsigned elements travel in the signed Java array of their width, bits unchanged: 0xFFFF * 65537 is 0xFFFFFFFF. */
size_t widen(const unsigned short *in /* gatun: dimension(n) */, unsigned *out /* gatun: out, dimension(n) */,
             const size_t *weights /* gatun: dimension(n) */, int n) {
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        out[i] = in[i] * 65537u;
        total += weights[i] * in[i];
    }
    return total;
}
