// SPDX-License-Identifier: Apache-2.0
// Runs after both invocations (invoker.properties): checks the jar layout and that the second build
// recompiled and regenerated nothing.
import java.security.MessageDigest
import java.util.jar.JarFile

def jar = new File(basedir, 'target/demo-kernels-1.0.jar')
assert jar.isFile() : "no jar at ${jar}"
def lib = null
def sums = null
new JarFile(jar).withCloseable { j ->
    assert j.getEntry('com/example/demo/Demo.class') != null : 'the generated binding class is not in the jar'
    lib = j.getInputStream(j.getEntry('META-INF/native/linux-x86_64/libdemo.so')).bytes
    sums = j.getInputStream(j.getEntry('META-INF/native/linux-x86_64/SHA256SUMS')).text
}
def hash = MessageDigest.getInstance('SHA-256').digest(lib).encodeHex().toString()
assert sums == "${hash}  libdemo.so\n" : "SHA256SUMS does not match libdemo.so: ${sums}"

def log = new File(basedir, 'build.log').text
assert log.contains('gatun: bindings of libdemo.so are up to date') : 'second build regenerated the bindings'
assert log.contains('gatun: libdemo.so is up to date') : 'second build recompiled the library'
def secondBuild = log.substring(log.indexOf('gatun: bindings of libdemo.so are up to date'))
assert !secondBuild.contains('gfortran ') && !secondBuild.contains('cc -O3') : 'second build ran a compiler'
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
return true
