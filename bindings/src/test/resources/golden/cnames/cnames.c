// gatun-golden: -m cnames --package golden.cnames
/* What used to make the generated Java fail to compile: names that differ only in case, parameters named
   like the generated code's locals, struct results with no parameters, pointers to structs returned,
   anonymous struct and union types, bit-fields, and a function that returns a function pointer. */
#include <stddef.h>

/* gsl_sf_bessel_j0_e and gsl_sf_bessel_J0_e both camelCase to gslSfBesselJ0E: both keep their C names. */
int bessel_j0(double x) { return (int) (x * 10); }
int bessel_J0(double x) { return (int) (x * 100); }

/* Parameters named like locals of the generated methods. */
double locals(double t, double allocator, double arena, double result, double scratch) {
    return t + 2 * allocator + 3 * arena + 4 * result + 5 * scratch;
}

/* Parameters named like the roots of the packages generated code names in full (dev.gatun..., java.lang...). */
double packages(double dev, double java, double jdk, double event) {
    return dev + 2 * java + 3 * jdk + 4 * event;
}

struct pair { int first; int second; };

/* A struct returned by value from a function without parameters. */
struct pair origin(void) {
    struct pair p = {7, -7};
    return p;
}

/* A pointer to a struct returned: a view of the static struct, or null. */
static struct pair shared = {1, 2};
struct pair *shared_pair(int which) {
    return which == 0 ? &shared : NULL;
}

/* Anonymous types: a nested struct member, and an anonymous union whose members belong to the parent. */
typedef struct {
    int kind;
    struct { double re, im; } value;
    union { int as_int; float as_float; };
    unsigned ready : 1;
    signed level : 5;
    unsigned mode : 3;
} tagged;

double tagged_sum(const tagged *t) {
    return t->kind + t->value.re + t->value.im + t->as_int + t->ready + t->level + t->mode;
}

void tagged_set_bits(tagged *t, int level) {
    t->ready = 1;
    t->level = level;
    t->mode = 5;
}

size_t tagged_size(void) {
    return sizeof(tagged);
}

/* A function that returns a function pointer: Java gets its address. */
typedef int (*binary_op)(int, int);
static int add(int a, int b) { return a + b; }
binary_op pick_op(int which) {
    return which == 0 ? add : NULL;
}

int apply_op(binary_op op, int a, int b) {
    return op(a, b);
}

/* Declared but defined nowhere: the class still loads, and only a call to it fails, naming it. */
int defined_nowhere(int x);
