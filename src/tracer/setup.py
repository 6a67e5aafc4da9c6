"""Builds the bufspec tracer: the package bufspec_tracer, its C extension and its pytest plugin.

    pip install ./src/tracer                              # for the Python at hand (pyproject.toml)
    python3 src/tracer/setup.py build --build-base target/python-build --build-lib target/python

Needs only a C compiler, the Python's headers and setuptools. The extension is compiled against
the headers of the Python that runs the build. With BUFSPEC_BUNDLE_JAR=path/to/bufspec.jar in
the environment the validator jar is copied into the package (next to the pytest plugin): the
wheel Maven builds (target/dist) carries it that way.
"""
import os
import shutil

from setuptools import setup, Extension
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = os.path.relpath(os.path.dirname(os.path.abspath(__file__)))  # setuptools wants relative paths

CFLAGS = ["-O2", "-Wall", "-Wno-missing-field-initializers", "-fno-strict-aliasing"]


class BuildPyWithJar(build_py):
    """build_py that also copies the jar named by BUFSPEC_BUNDLE_JAR into the package."""

    def run(self):
        super().run()
        jar = os.environ.get("BUFSPEC_BUNDLE_JAR")
        target = os.path.join(self.build_lib, "bufspec_tracer", "bufspec.jar")
        if jar:
            if not os.path.isfile(jar):
                raise SystemExit(f"BUFSPEC_BUNDLE_JAR={jar}: no such file")
            self.mkpath(os.path.dirname(target))
            shutil.copyfile(jar, target)
        elif os.path.exists(target):
            os.remove(target)  # left in a reused build directory by an earlier bundling build


class BuildExt(build_ext):
    """The LD_PRELOAD shim is a plain shared library: libbufspec_memwatch.so, no ABI suffix."""

    def get_ext_filename(self, fullname):
        if fullname.endswith("libbufspec_memwatch"):
            return os.path.join(*fullname.split(".")) + ".so"
        return super().get_ext_filename(fullname)

    def get_export_symbols(self, ext):
        if ext.name.endswith("libbufspec_memwatch"):
            return []
        return super().get_export_symbols(ext)


setup(
    name="bufspec_tracer",
    version="0.1.0",
    description="Records CPython buffer-protocol traffic as bufspec-trace NDJSON; pytest plugin (pytest --bufspec)",
    packages=["bufspec_tracer", "bufspec_tracer._autostart"],
    package_dir={"": HERE},
    ext_modules=[
        Extension("bufspec_tracer._tracer", [os.path.join(HERE, "bufspec_tracer", "_tracer.c"),
                                             os.path.join(HERE, "bufspec_tracer", "_memwatch.c")],
                  depends=[os.path.join(HERE, "bufspec_tracer", "_memwatch.h")],
                  extra_compile_args=CFLAGS, libraries=["dl"]),
        # the memory watch's LD_PRELOAD shim (no Python symbols; loaded before the interpreter)
        Extension("bufspec_tracer.libbufspec_memwatch",
                  [os.path.join(HERE, "bufspec_tracer", "libbufspec_memwatch.c")],
                  extra_compile_args=CFLAGS + ["-fvisibility=hidden"], libraries=["dl"]),
    ],
    entry_points={"pytest11": ["bufspec = bufspec_tracer.pytest_plugin"]},
    cmdclass={"build_py": BuildPyWithJar, "build_ext": BuildExt},
    python_requires=">=3.11",
    zip_safe=False,
)
