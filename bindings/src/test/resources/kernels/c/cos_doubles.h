/* Cython's example, with gatun directives saying what C cannot: */
void cos_doubles(double *in_array /* gatun: in, dimension(size) */,
                 double *out_array /* gatun: out, dimension(size) */, int size);
