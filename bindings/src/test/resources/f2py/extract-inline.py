"""Writes the Fortran/pyf sources that numpy.f2py's tests give inline (a class attribute `code`)
to <out>/<topic>/<TestClass><suffix>, byte-for-byte as the Python string. Only the class bodies'
plain statements run (assignments and loops that build `code`), never the tests themselves."""
import ast, pathlib, sys, textwrap

tests, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for py in sorted(tests.glob("test_*.py")):
    tree = ast.parse(py.read_text())
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        body = [s for s in cls.body if isinstance(s, (ast.Assign, ast.For, ast.AugAssign))]
        if not any(isinstance(s, ast.Assign) and any(getattr(t, "id", "") == "code" for t in s.targets) for s in body):
            continue
        ns = {"textwrap": textwrap}
        for s in body:
            try:
                exec(compile(ast.Module([s], []), str(py), "exec"), ns)
            except Exception as e:  # e.g. sources = [util.getpath(...)]
                pass
        code = ns.get("code")
        if not code:
            print("no code:", py.name, cls.name); continue
        topic = py.stem[len("test_"):]
        suffix = ns.get("suffix", ".f")
        dest = out / topic / (cls.name + suffix)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(code)
        print(dest)
