// SPDX-License-Identifier: Apache-2.0
/*
 * The native side of the call-overhead and zero-copy benchmarks: the smallest functions that still
 * make a call observable. Every peer (Gatun's generated binding, raw FFM, JNI, JNA, JavaCPP) calls
 * these same exported symbols of libcallpeers.so.
 */
#ifndef CALLPEERS_H
#define CALLPEERS_H

#ifdef __cplusplus /* JavaCPP's glue is C++ */
extern "C" {
#endif

/* Does nothing: the cost of the call itself. */
void gatun_noop(void);

/* Two ints in, one out: the cost of the call plus passing arguments in registers. */
int gatun_add(int a, int b);

/* Reads one element of an array of n doubles: passing the array is the cost (it must not grow with n). */
double gatun_first(const double *a, long n);

/* Calls f(i) for i = 0..n-1 and sums the results: the cost of an upcall into Java, per call of f. */
int gatun_apply_many(int (*f)(int), int n);

#ifdef __cplusplus
}
#endif

#endif
