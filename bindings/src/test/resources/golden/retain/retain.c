// gatun-golden: -m retain --package golden.retain
/* Callbacks the library keeps after the call that hands them over returns (error handlers, registries): a
   'retain' directive gives them upcall stubs that are never freed, so a later call can still run them. */
typedef double (*retain_fn)(double);

static retain_fn slots[4];

// gatun: fn retain; slot check(slot >= 0 && slot < 4)
void retain_register(int slot, retain_fn fn) {
    slots[slot] = fn;
}

// gatun: slot check(slot >= 0 && slot < 4)
double retain_call(int slot, double x) {
    return slots[slot] ? slots[slot](x) : -1.0;
}

/* Not retained: the stub may be freed once the call returns (this one runs it during the call). */
double retain_apply(retain_fn fn, double x) {
    return fn(x);
}
