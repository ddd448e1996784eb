// SPDX-License-Identifier: Apache-2.0
// The README snippet's project built: its jar holds the binding class and the library, and the bindings run
// (Fortran with OpenMP, and C) against the gatun-api jar the project resolved.
import java.util.jar.JarFile

def jar = new File(basedir, 'target/stencils-1.0.jar')
assert jar.isFile() : "no jar at ${jar}"
new JarFile(jar).withCloseable { j ->
    assert j.getEntry('com/example/stencils/Stencils.class') != null : 'the generated binding class is not in the jar'
    assert j.getEntry('META-INF/native/linux-x86_64/libstencils.so') != null : 'the library is not in the jar'
}
def api = new File(localRepositoryPath, "dev/gatun/gatun-api/${gatunVersion}/gatun-api-${gatunVersion}.jar")
assert api.isFile() : "no gatun-api jar at ${api}"
def java = new File(System.getProperty('java.home'), 'bin/java').path
def run = [java, '--enable-native-access=ALL-UNNAMED', "-Dgatun.cache.dir=${new File(basedir, 'target/gatun-cache')}",
           '-cp', "${jar}:${api}", 'com.example.Main'].execute()
def out = new StringBuilder(), err = new StringBuilder()
run.waitForProcessOutput(out, err)
assert run.exitValue() == 0 : "com.example.Main failed: ${out}${err}"
assert out.toString().trim() == 'smoothed total 10.0, OpenMP threads true' : "unexpected output: ${out}${err}"
return true
