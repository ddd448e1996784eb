/*
 * Hand-written JNI glue for dev.gatun.examples.bench.peers.JniPeer: each method calls the same
 * exported function of libcallpeers.so as the FFM, JNA and JavaCPP peers, the way a JNI wrapper
 * of an existing C library does. Compiled by gcc in the benchmark's setup.
 */
#include <jni.h>

#include "callpeers.h"

JNIEXPORT void JNICALL Java_dev_gatun_examples_bench_peers_JniPeer_noop(JNIEnv *env, jclass cls)
{
    gatun_noop();
}

JNIEXPORT jint JNICALL Java_dev_gatun_examples_bench_peers_JniPeer_add(JNIEnv *env, jclass cls, jint a, jint b)
{
    return gatun_add(a, b);
}

/* The array pinned (or copied, at the JVM's choice) with GetPrimitiveArrayCritical: no JNI calls until released. */
JNIEXPORT jdouble JNICALL Java_dev_gatun_examples_bench_peers_JniPeer_firstCritical(JNIEnv *env, jclass cls, jdoubleArray a)
{
    const jsize n = (*env)->GetArrayLength(env, a);
    double *p = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    const double v = gatun_first(p, n);
    (*env)->ReleasePrimitiveArrayCritical(env, a, p, JNI_ABORT);
    return v;
}

/* The array through GetDoubleArrayElements: HotSpot copies it out (and JNI_ABORT skips the copy back). */
JNIEXPORT jdouble JNICALL Java_dev_gatun_examples_bench_peers_JniPeer_firstElements(JNIEnv *env, jclass cls, jdoubleArray a)
{
    const jsize n = (*env)->GetArrayLength(env, a);
    double *p = (*env)->GetDoubleArrayElements(env, a, NULL);
    const double v = gatun_first(p, n);
    (*env)->ReleaseDoubleArrayElements(env, a, p, JNI_ABORT);
    return v;
}

/* The upcall: libcallpeers calls this C function n times; each call calls JniPeer.callback(int) back. */
static JNIEnv *upcall_env;
static jclass upcall_class;
static jmethodID upcall_method;

static int call_java(int i)
{
    return (*upcall_env)->CallStaticIntMethod(upcall_env, upcall_class, upcall_method, i);
}

JNIEXPORT jint JNICALL Java_dev_gatun_examples_bench_peers_JniPeer_applyMany(JNIEnv *env, jclass cls, jint n)
{
    if (upcall_method == NULL) {
        upcall_method = (*env)->GetStaticMethodID(env, cls, "callback", "(I)I");
        if (upcall_method == NULL) {
            return -1;
        }
    }
    /* One benchmark thread: the env and class are this call's own. */
    upcall_env = env;
    upcall_class = cls;
    return gatun_apply_many(call_java, n);
}
