// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestF77Callback} ({@code numpy/f2py/tests/test_callback.py}) over
 * {@code callback/foo.f}, built unchanged. No procedure there has an interface block: every callback
 * signature is inferred from the calls, as f2py does. {@code t} takes {@code fun} as a dummy argument;
 * {@code t2} names it with {@code cf2py intent(callback) fun} only, so the binding defines the external
 * {@code fun} and {@code t2} takes the callback; {@code hidden_callback} declares
 * {@code intent(callback, hide) global_f}, whose callback is held by {@code setGlobalF} (f2py's module
 * attribute) and is also what {@code hidden_callback2} calls (gh-18341).
 *
 * <p>Left out or translated, being Python-only: {@code test_docstring} (the Python docstring);
 * {@code fun_extra_args} (Python passes extra arguments to the callback; a Java lambda captures them);
 * {@code t(func0._cpointer)} (a raw C pointer to the Fortran {@code func0}, whose by-reference ABI is
 * not the callback's); in {@code test_string_callback_array} the numpy dtype checks (a Java
 * {@code String[]} has no dtype: the three numpy arrays become an empty and a blank string); and the
 * last assert of {@code test_hidden_callback}, where f2py's wrapper of {@code hidden_callback2} calls the
 * Python callback with no argument, so its default {@code x=0} gives 3: here Fortran passes {@code a = 2}
 * and the same callback gives 5. {@code TestF77CallbackPythonTLS} (the same tests with Python's
 * thread-local storage) has no Java counterpart.
 */
class F77CallbackTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.build(dir, "callback/foo.f");
    }

    /** f2py's {@code t(fun)} / {@code t2(fun)} with a Python callable returning an int. */
    private static int t(String name, IntSupplier fun) {
        String iface = name.equals("t") ? "TFun" : "ExternalFun";
        return (int) m.call(name, m.callback(iface, a -> fun.getAsInt()));
    }

    private static void checkFunction(String name) {
        assertEquals(4, t(name, () -> 4));
        int six = 6;
        assertEquals(5, t(name, () -> 5));
        assertEquals(6, t(name, () -> six));
        int seven = 7;
        assertEquals(12, t(name, () -> 5 + seven));
        // math.degrees(math.pi) is 180.0; f2py converts it to the int 180, as the cast does here.
        assertEquals(180, t(name, () -> (int) Math.round(Math.toDegrees(Math.PI))));
        assertEquals(17, t(name, () -> (int) m.call("func", six)));
        assertEquals(11, t(name, () -> (int) m.call("func0")));
        class A {
            int call() {
                return 7;
            }

            int mth() {
                return 9;
            }
        }
        A a = new A();
        assertEquals(7, t(name, a::call));
        assertEquals(9, t(name, a::mth));
    }

    @Test
    void allT() {
        checkFunction("t");
    }

    @Test
    void allT2() {
        checkFunction("t2");
    }

    @Test
    void stringCallback() {
        Object callback = m.callback("StringCallbackCallback", a -> a[0].equals("r") ? 0.0 : 1.0);
        assertEquals(0.0, m.call("string_callback", callback));
    }

    @Test
    void stringCallbackArray() {
        Object callback = m.callback("StringCallbackArrayCallback", a -> {
            String[] cu = (String[]) a[0];
            int lencu = (int) a[1];
            if (cu.length != lencu) {
                return 1;
            }
            for (String s : cu) {
                if (!s.isEmpty()) {
                    return 3;
                }
            }
            return 0;
        });
        for (String[] cu : List.of(new String[] {""}, new String[] {"        "})) {
            assertEquals(0, m.call("string_callback_array", callback, cu));
        }
    }

    @Test
    void threadsafety() throws Exception {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        Object cb = m.callback("TFun", a -> {
            try {
                // Sleep so that other threads are likely to call their callbacks at the same time.
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Reentrancy: the callback calls t again.
            assertEquals(123, t("t", () -> 123));
            return 42;
        });
        var threads = new ArrayList<Thread>();
        for (String name : List.of("t", "t2")) {
            for (int n = 0; n < 20; n++) {
                threads.add(new Thread(() -> {
                    try {
                        for (int j = 0; j < 50; j++) {
                            assertEquals(42, m.call("t", cb));
                            checkFunction(name);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(errors.isEmpty(), () -> errors.size() + " threads failed, first: " + errors.getFirst());
    }

    @Test
    void hiddenCallback() throws Exception {
        Method set = m.type().getMethod("setGlobalF", m.nested("ExternalGlobalF"));
        try {
            var e = assertThrows(IllegalStateException.class, () -> m.call("hidden_callback", 2));
            assertTrue(e.getMessage().startsWith("callback global_f not defined"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> m.call("hidden_callback2", 2));
            assertTrue(e.getMessage().startsWith("callback global_f not defined"), e.getMessage());

            set.invoke(null, m.callback("ExternalGlobalF", a -> (int) a[0] + 1));
            assertEquals(3, m.call("hidden_callback", 2));
            set.invoke(null, m.callback("ExternalGlobalF", a -> (int) a[0] + 2));
            assertEquals(4, m.call("hidden_callback", 2));
            set.invoke(null, (Object) null);
            e = assertThrows(IllegalStateException.class, () -> m.call("hidden_callback", 2));
            assertTrue(e.getMessage().startsWith("callback global_f not defined"), e.getMessage());

            set.invoke(null, m.callback("ExternalGlobalF", a -> (int) a[0] + 3));
            assertEquals(5, m.call("hidden_callback", 2));
            // gh-18341: hidden_callback2 calls the same global_f (f2py's wrapper gives 3, see the class comment).
            assertEquals(5, m.call("hidden_callback2", 2));
        } finally {
            set.invoke(null, (Object) null);
        }
    }
}
