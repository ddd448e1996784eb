// gatun-golden: -m shapes --package golden.cstructs
/* Structs by value and by pointer, returned by value, a union, a packed struct, nested and
   array members. */
#include <stddef.h>

struct vec3 {
    double x, y, z;
};

typedef struct {
    char tag;             /* 7 bytes of padding follow */
    struct vec3 centre;
    float radius;
    int flags[3];
    long id;
} sphere;

typedef union {
    double real;
    long bits;
    int halves[2];
} word;

#pragma pack(push, 1)
struct packed_rec {
    char kind;
    double value;        /* offset 1: accessed unaligned */
    short count;
};
#pragma pack(pop)

/* By value in, by value out. */
struct vec3 vec3_add(struct vec3 a, struct vec3 b) {
    struct vec3 r = {a.x + b.x, a.y + b.y, a.z + b.z};
    return r;
}

/* By pointer: read one struct, write another. */
double sphere_volume(const sphere *s) {
    return 4.0 / 3.0 * 3.141592653589793 * s->radius * s->radius * s->radius;
}

void sphere_move(sphere *s, struct vec3 by) {
    s->centre = vec3_add(s->centre, by);
    s->flags[2] += 1;
}

/* The union: reinterpret a double's bits. */
long word_bits(word w) {
    return w.bits;
}

double packed_total(const struct packed_rec *r) {
    return r->value * r->count + r->kind;
}

/* Layout facts gcc computed, for the test to compare with the generated LAYOUT constants. */
size_t sphere_size(void) {
    return sizeof(sphere);
}

size_t sphere_offset_of_id(void) {
    return offsetof(sphere, id);
}

size_t packed_size(void) {
    return sizeof(struct packed_rec);
}
