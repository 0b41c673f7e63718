#!/usr/bin/env python3
"""The package as a user without Swift gets it (issue 15).

Builds the .deb and .tar.gz with scripts/package, makes a clean Debian 12 root with debootstrap (no Swift
in it), and there:
  1. installs the .deb with apt, so that Depends: is resolved from Debian's archive; checks ldd (no Swift
     library), the installed files and `gongkai --version`; builds the example site and runs
     `gongkai check --format junit`: both equal the output of the gongkai built from source here, byte
     for byte;
  2. runs the steps of the GitHub Actions and the GitLab CI files that `gongkai init` writes, each in a
     fresh root, with the package address (GONGKAI_DEB) pointed at a local HTTP server: they install
     the package, build the new site and write the JUnit report the CI publishes.

The Debian root is made once a day and kept as a tarball in $GONGKAI_TEST_CACHE (default
~/.cache/gongkai-test); reruns unpack it. Needs root (chroot, mount). Usage:
  python3 tests/package/check.py [--dist DIR]   (--dist: use packages built already instead of scripts/package)
"""
import argparse
import atexit
import datetime
import functools
import glob
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUITE = "bookworm"
MIRROR = os.environ.get("GONGKAI_DEBIAN_MIRROR", "http://deb.debian.org/debian")
# What a `debian:12` CI image has that minbase lacks is not needed: the CI steps install curl themselves.
# ca-certificates and curl are included only so that the cached root saves their download.
INCLUDE = "ca-certificates,curl"
SWIFT_LIBRARY = re.compile(r"libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found")
failures = []
passes = []
timings = []


output = threading.local()


def say(line):
    """Prints a line, or keeps it for later when this thread collects its output (see side_by_side)."""
    lines = getattr(output, "lines", None)
    if lines is None:
        print(line, flush=True)
    else:
        lines.append(line)


def log(message):
    say(f"[package] {message}")


def check(condition, message):
    if condition:
        passes.append(message)
        say(f"  ok    {message}")
    else:
        say(f"  FAIL  {message}")
        failures.append(message)
    return condition


def side_by_side(*jobs):
    """Runs the jobs (functions without arguments) in threads (they wait on apt and the network, not
    the processor) and prints what each said, one after the other."""
    said = [[] for _ in jobs]

    def runner(job, lines):
        output.lines = lines
        try:
            job()
        except Exception as error:  # a crash in one job is a failure, not a hang
            check(False, f"{getattr(job, '__name__', 'job')} raised {error!r}")
    threads = [threading.Thread(target=runner, args=(job, lines)) for job, lines in zip(jobs, said)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for lines in said:
        for line in lines:
            print(line, flush=True)


def run(args, **kwargs):
    kwargs.setdefault("check", True)
    return subprocess.run(args, **kwargs)


def timed(name):
    def wrap(function):
        @functools.wraps(function)
        def inner(*args, **kwargs):
            start = time.monotonic()
            try:
                return function(*args, **kwargs)
            finally:
                timings.append((name, time.monotonic() - start))
        return inner
    return wrap


# ---------------------------------------------------------------------------------------------- Debian root

@timed("debootstrap root (cache)")
def debian_tarball():
    """A minbase Debian 12 root as a tarball, made at most once a day."""
    cache = os.environ.get("GONGKAI_TEST_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "gongkai-test")
    os.makedirs(cache, exist_ok=True)
    key = f"debian-{SUITE}-minbase-{datetime.date.today():%Y%m%d}.tar"
    path = os.path.join(cache, key)
    if os.path.exists(path):
        log(f"Debian {SUITE} root from the cache: {path}")
        return path
    log(f"making a Debian {SUITE} root with debootstrap (cold: downloads about 40 MB)")
    work = tempfile.mkdtemp(prefix="gongkai-debootstrap-", dir=cache)
    try:
        target = os.path.join(work, "root")
        start = time.monotonic()
        run(["debootstrap", "--variant=minbase", f"--include={INCLUDE}", SUITE, target, MIRROR],
            stdout=subprocess.DEVNULL)
        log(f"debootstrap took {time.monotonic() - start:.0f} s")
        run(["chroot", target, "apt-get", "clean"])
        partial = path + ".partial"
        run(["tar", "--numeric-owner", "-C", target, "-cf", partial, "."])
        os.replace(partial, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in glob.glob(os.path.join(cache, f"debian-{SUITE}-minbase-*.tar")):
        if old != path:
            os.remove(old)
    return path


class Root:
    """A fresh Debian root unpacked from the tarball, with /proc mounted and the host's DNS settings."""

    def __init__(self, tarball, name):
        self.path = tempfile.mkdtemp(prefix=f"gongkai-{name}-")
        run(["tar", "--numeric-owner", "-C", self.path, "-xf", tarball])
        shutil.copy("/etc/resolv.conf", os.path.join(self.path, "etc", "resolv.conf"))
        run(["mount", "-t", "proc", "proc", os.path.join(self.path, "proc")])

    def file(self, path):
        return os.path.join(self.path, path.lstrip("/"))

    def sh(self, script, cwd="/", env=None, check=True):
        """Runs a bash script in the root, as a CI job would: a clean environment plus `env`."""
        environment = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                       "HOME": "/root", "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
        environment.update(env or {})
        with open(self.file("/tmp/step.sh"), "w", encoding="utf-8") as f:
            f.write(f"cd {quote(cwd)}\n{script}\n")
        result = subprocess.run(["chroot", self.path, "/bin/bash", "-e", "/tmp/step.sh"], env=environment,
                                capture_output=True, text=True, errors="replace")
        if check and result.returncode != 0:
            say(result.stdout[-4000:] + "\n" + result.stderr[-4000:])
        return result

    def close(self):
        proc = os.path.join(self.path, "proc")
        subprocess.run(["umount", "-l", proc])
        mounted = [line.split()[1] for line in open("/proc/mounts") if line.split()[1].startswith(self.path)]
        if mounted:
            log(f"not removing {self.path}: still mounted {mounted}")
            return
        shutil.rmtree(self.path, ignore_errors=True)


def quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


# ------------------------------------------------------------------------------------------------- helpers

def tree_digest(folder):
    """path → sha256 of every file under folder (symlinks by target)."""
    result = {}
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            relative = os.path.relpath(path, folder)
            if os.path.islink(path):
                result[relative] = "link:" + os.readlink(path)
            else:
                with open(path, "rb") as f:
                    result[relative] = hashlib.sha256(f.read()).hexdigest()
    return result


def copy_example_site(target):
    """The example site without templates/ (the repository's copy of the built-in theme), so that the
    packaged binary's own embedded theme is what builds it."""
    os.makedirs(target, exist_ok=True)
    for name in ("site.yaml", "disclosure.yaml"):
        shutil.copy(os.path.join(ROOT, name), target)
    for name in ("content", "static"):
        if os.path.isdir(os.path.join(ROOT, name)):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(target, name), symlinks=True)


def serve(folder):
    """A local HTTP server for the packages (the CI files download from GONGKAI_DEB)."""
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def junit_ok(path):
    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError) as error:
        return False, str(error)
    top = tree.getroot()
    cases = list(top.iter("testcase"))
    return top.tag in ("testsuites", "testsuite") and len(cases) > 0, f"<{top.tag}>, {len(cases)} test cases"


# ------------------------------------------------------------------------------------------------- the test

@timed("scripts/package")
def build_packages(dist):
    run([os.path.join(ROOT, "scripts", "package"), "--output", dist])


def check_packages(dist, version):
    debs = glob.glob(os.path.join(dist, f"gongkai_{version}_*.deb"))
    tars = glob.glob(os.path.join(dist, f"gongkai-{version}-linux-*.tar.gz"))
    if not check(len(debs) == 1 and len(tars) == 1, f"scripts/package made one .deb and one .tar.gz: {debs + tars}"):
        sys.exit(1)
    deb, tar = debs[0], tars[0]
    size = os.path.getsize(deb) / 1048576
    check(size < 20, f"{os.path.basename(deb)} is {size:.1f} MB (goal: under 20 MB)")
    # gzip does not shrink Foundation's ICU data as xz does; the size is reported, not held to the goal.
    log(f"{os.path.basename(tar)} is {os.path.getsize(tar) / 1048576:.1f} MB")
    fields = run(["dpkg-deb", "-f", deb], capture_output=True, text=True).stdout
    log("control:\n" + fields)
    depends = re.search(r"^Depends: (.*)$", fields, re.M).group(1)
    check(all(name in depends for name in ("libc6", "libcmark0", "libqrencode4")),
          f"Depends: names libc6, libcmark and libqrencode: {depends}")
    check("swift" not in depends.lower(), "Depends: names no Swift package")
    contents = run(["dpkg-deb", "-c", deb], capture_output=True, text=True).stdout
    for path in ("./usr/bin/gongkai", "./usr/share/man/man1/gongkai.1.gz",
                 "./usr/share/bash-completion/completions/gongkai", "./usr/share/zsh/vendor-completions/_gongkai",
                 "./usr/share/fish/vendor_completions.d/gongkai.fish", "./usr/share/doc/gongkai/copyright",
                 "./usr/share/doc/gongkai/changelog.gz"):
        check(path in contents, f".deb contains {path}")
    listing = run(["tar", "-tzf", tar], capture_output=True, text=True).stdout.split()
    for suffix in ("/bin/gongkai", "/LICENSE", "/README", "/share/man/man1/gongkai.1.gz",
                   "/share/completions/gongkai.bash", "/share/doc/COPYRIGHT", "/share/doc/CHANGELOG"):
        check(any(name.endswith(suffix) for name in listing), f".tar.gz contains …{suffix}")
    return deb, tar


@timed("install the .deb with apt, build and check the example site")
def test_install(tarball, deb, tar, version, host_public, host_junit, as_of):
    log("1. install the .deb with apt in a clean Debian 12 root")
    root = Root(tarball, "apt")
    try:
        check(not os.path.exists(root.file("/usr/bin/swift")), "the Debian root has no Swift")
        shutil.copy(deb, root.file("/tmp/gongkai.deb"))
        installed = root.sh("apt-get update -qq && apt-get install -y -qq /tmp/gongkai.deb")
        check(installed.returncode == 0, "apt-get install /tmp/gongkai.deb resolves Depends: and installs")
        if installed.returncode != 0:
            return
        ldd = root.sh("ldd /usr/bin/gongkai").stdout
        log("ldd /usr/bin/gongkai:\n" + ldd)
        check(not SWIFT_LIBRARY.search(ldd), "ldd shows no Swift library and nothing missing")
        version_line = root.sh("gongkai --version").stdout.strip()
        commit = run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        check(version_line.startswith(f"gongkai {version}（提交 {commit[:12]}"),
              f"gongkai --version names VERSION and the commit: {version_line}")
        man = root.sh("zcat /usr/share/man/man1/gongkai.1.gz").stdout
        check(".Dt GONGKAI 1" in man or ".TH GONGKAI" in man.upper(), "the man page is an mdoc/man page for gongkai")
        check("init" in man and "新建一个网站" in man, "the man page documents the subcommands, in Chinese")
        rendered = root.sh("zcat /usr/share/man/man1/gongkai.1.gz | grep -c '^\\.gitignore' || true").stdout.strip()
        check(rendered == "0", "no help line is taken for a roff request (lines starting with a dot are escaped)")
        bash = root.sh("grep -c gongkai /usr/share/bash-completion/completions/gongkai").stdout.strip()
        check(bash not in ("", "0"), "bash completion installed")

        copy_example_site(root.file("/site"))
        build = root.sh("gongkai build --quiet", cwd="/site", check=False)
        check(build.returncode == 0, f"gongkai build in the root: {build.stderr.strip()[:500]}")
        junit = root.sh(f"gongkai check --as-of {as_of} --format junit > /tmp/disclosure.xml", cwd="/site",
                        check=False)
        check(junit.returncode in (0, 1), f"gongkai check --format junit ran (status {junit.returncode})")
        packaged = tree_digest(root.file("/site/public"))
        differ = sorted(path for path in set(packaged) | set(host_public) if packaged.get(path) != host_public.get(path))
        check(len(packaged) > 50 and not differ,
              f"public/ from the package equals the build from source byte for byte ({len(packaged)} files; "
              f"different: {differ[:5]})")
        with open(root.file("/tmp/disclosure.xml"), "rb") as f:
            check(f.read() == host_junit, "gongkai check --format junit output equals the build from source")

        # The tarball carries the same binary.
        extracted = tempfile.mkdtemp(prefix="gongkai-tar-")
        try:
            run(["tar", "-xzf", tar, "-C", extracted])
            binary = glob.glob(os.path.join(extracted, "*", "bin", "gongkai"))[0]
            with open(binary, "rb") as a, open(root.file("/usr/bin/gongkai"), "rb") as b:
                check(a.read() == b.read(), "the .tar.gz has the same binary as the .deb")
        finally:
            shutil.rmtree(extracted)
    finally:
        root.close()


def scaffold_site():
    """A new site as `gongkai init` (built from this source) writes it, with its CI files."""
    site = tempfile.mkdtemp(prefix="gongkai-init-")
    run([os.path.join(ROOT, ".build", "debug", "gongkai"), "init", os.path.join(site, "白鹭镇"),
         "--villages", "杏花村,芦篙村,青石社区"], stdout=subprocess.DEVNULL)
    return os.path.join(site, "白鹭镇")


@timed("run the steps of the generated GitHub Actions workflow")
def test_github(tarball, site, address):
    log("2. the steps of .github/workflows/gongkai.yml, in a clean Debian 12 root")
    with open(os.path.join(site, ".github", "workflows", "gongkai.yml"), encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    env = dict(workflow.get("env") or {})
    check("GONGKAI_DEB" in env, "the workflow sets GONGKAI_DEB at the top")
    (job,) = workflow["jobs"].values()
    check(job.get("container") in ("debian:12", "debian:bookworm"), "the job runs in Debian 12, as this test does")
    env.update(job.get("env") or {})
    env["GONGKAI_DEB"] = address
    root = Root(tarball, "github")
    try:
        workspace = "/github/workspace"
        shutil.copytree(site, root.file(workspace), symlinks=True)
        env.update({"GITHUB_WORKSPACE": workspace, "GITHUB_STEP_SUMMARY": "/tmp/step-summary.md", "CI": "true"})
        open(root.file("/tmp/step-summary.md"), "w").close()
        failed = False
        for index, step in enumerate(job["steps"]):
            name = step.get("name") or step.get("uses")
            if failed and "always()" not in str(step.get("if", "")):
                continue
            if "uses" in step:
                action = step["uses"].split("@")[0]
                if action == "actions/checkout":
                    check(index == 0, "actions/checkout is the first step (the site is in the workspace)")
                elif action == "actions/upload-artifact":
                    path = step["with"]["path"]
                    check(os.path.exists(root.file(f"{workspace}/{path}")), f"step “{name}”: {path} is there to upload")
                    ok, tag = junit_ok(root.file(f"{workspace}/{path}"))
                    check(ok, f"step “{name}”: {path} is a JUnit report ({tag})")
                else:
                    check(False, f"step “{name}”: the test knows no action {action}")
                continue
            result = root.sh(step["run"], cwd=workspace, env=env, check=False)
            failed = result.returncode != 0
            check(not failed, f"step “{name}” exits 0{'' if not failed else ': ' + result.stderr.strip()[-800:]}")
            if step["run"].strip().endswith("gongkai --version"):
                log(f"  {result.stdout.strip()}")
        check(os.path.exists(root.file(f"{workspace}/public/index.html")), "the workflow built public/")
        with open(root.file("/tmp/step-summary.md"), encoding="utf-8") as f:
            summary = f.read()
        check("公开检查" in summary and "杏花村" in summary, "the disclosure report is in the job summary")
    finally:
        root.close()


@timed("run the steps of the generated GitLab CI file")
def test_gitlab(tarball, site, address):
    log("3. the steps of .gitlab-ci.yml, in a clean Debian 12 root")
    with open(os.path.join(site, ".gitlab-ci.yml"), encoding="utf-8") as f:
        pipeline = yaml.safe_load(f)
    variables = dict(pipeline.get("variables") or {})
    check("GONGKAI_DEB" in variables, "the pipeline sets GONGKAI_DEB at the top")
    variables["GONGKAI_DEB"] = address
    job = pipeline["gongkai"]
    check(job.get("image") in ("debian:12", "debian:bookworm"), "the job runs in Debian 12, as this test does")
    root = Root(tarball, "gitlab")
    try:
        workspace = "/builds/site"
        shutil.copytree(site, root.file(workspace), symlinks=True)
        variables.update({"CI": "true", "CI_PROJECT_DIR": workspace})
        failed = False
        for part in ("before_script", "script"):
            for line in job.get(part, []):
                if failed:
                    break
                # GitLab runs each line in one shell that stops at the first failing line.
                result = root.sh("set -o pipefail\n" + line, cwd=workspace, env=variables, check=False)
                failed = result.returncode != 0
                check(not failed, f"{part}: {line[:70]} exits 0"
                      f"{'' if not failed else ': ' + result.stderr.strip()[-800:]}")
        check(os.path.exists(root.file(f"{workspace}/public/index.html")), "the pipeline built public/")
        report = job["artifacts"]["reports"]["junit"]
        check(job["artifacts"].get("when") == "always", "the JUnit report is kept also when the check fails")
        ok, tag = junit_ok(root.file(f"{workspace}/{report}"))
        check(ok, f"artifacts:reports:junit {report} is a JUnit report ({tag})")
    finally:
        root.close()


def check_docs():
    """libqrencode is no longer missing anywhere: every package the build needs is named where a reader
    installs by hand (README's from-source section) and in CI."""
    with open(os.path.join(ROOT, "scripts", "install-deps"), encoding="utf-8") as f:
        packages = re.search(r"^packages=\((.*)\)$", f.read(), re.M).group(1).split()
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    lines = [line for line in readme.splitlines() if "apt-get install" in line and "libcmark-dev" in line]
    check(lines and all(all(p in line for p in packages) for line in lines),
          f"README's build-from-source apt-get lines name all of {packages}")
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as f:
        ci = f.read()
    check("scripts/install-deps" in ci or all(p in ci for p in packages), ".ci/run installs all of them")


def check_build_info():
    """What `gongkai --version` gets from a source tarball: `git archive` fills in COMMIT, so a build
    from it names the commit; a copy without git information says none (scripts/build-info)."""
    head = run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="gongkai-archive-")
    try:
        source = os.path.join(work, "source")
        os.makedirs(source)
        archive = subprocess.run(["git", "-C", ROOT, "archive", "HEAD"], capture_output=True, check=True).stdout
        run(["tar", "-x", "-C", source], input=archive)
        script = os.path.join(ROOT, "scripts", "build-info")
        run(["sh", script, source, os.path.join(work, "a")])
        with open(os.path.join(work, "a", "GeneratedBuildInfo.swift"), encoding="utf-8") as f:
            generated = f.read()
        check(f'generatedCommit = "{head}"' in generated, "a build from `git archive HEAD` names HEAD")
        with open(os.path.join(source, "COMMIT"), "w") as f:
            f.write("$Format:%H$\n")
        run(["sh", script, source, os.path.join(work, "b")])
        with open(os.path.join(work, "b", "GeneratedBuildInfo.swift"), encoding="utf-8") as f:
            generated = f.read()
        check('generatedCommit = ""' in generated and "generatedVersion" in generated,
              "a copy without git information names no commit")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", help="packages built already (else scripts/package builds them)")
    options = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("tests/package/check.py needs root (debootstrap, chroot, mount)")
    start = time.monotonic()
    with open(os.path.join(ROOT, "VERSION"), encoding="utf-8") as f:
        version = f.read().strip()
    check_docs()
    check_build_info()
    dist = options.dist or tempfile.mkdtemp(prefix="gongkai-dist-")
    if not options.dist:
        atexit.register(shutil.rmtree, dist, ignore_errors=True)
    # debootstrap waits on the network and the disk, the release build on the processor: side by side.
    made = {}
    maker = threading.Thread(target=lambda: made.update(tarball=debian_tarball()))
    maker.start()
    if not options.dist:
        build_packages(dist)
    deb, tar = check_packages(dist, version)

    # The normal build: the gongkai built from source here, on the same site, the same day.
    as_of = datetime.date.today().isoformat()
    host = tempfile.mkdtemp(prefix="gongkai-host-")
    atexit.register(shutil.rmtree, host, ignore_errors=True)
    copy_example_site(os.path.join(host, "site"))
    gongkai = os.path.join(ROOT, ".build", "debug", "gongkai")
    run([gongkai, "build", "--quiet"], cwd=os.path.join(host, "site"))
    host_junit = subprocess.run([gongkai, "check", "--as-of", as_of, "--format", "junit"],
                                cwd=os.path.join(host, "site"), capture_output=True).stdout
    host_public = tree_digest(os.path.join(host, "site", "public"))

    maker.join()
    if "tarball" not in made:
        sys.exit("debootstrap failed (see above)")
    tarball = made["tarball"]
    test_install(tarball, deb, tar, version, host_public, host_junit, as_of)
    site = scaffold_site()
    server = serve(dist)
    address = f"http://127.0.0.1:{server.server_address[1]}/{os.path.basename(deb)}"
    try:
        side_by_side(lambda: test_github(tarball, site, address), lambda: test_gitlab(tarball, site, address))
    finally:
        server.shutdown()
        shutil.rmtree(os.path.dirname(site), ignore_errors=True)

    for name, seconds in timings:
        log(f"time: {name}: {seconds:.0f} s")
    log(f"time: package test in all: {time.monotonic() - start:.0f} s")
    if failures:
        print("failed:\n  " + "\n  ".join(failures))
    print(f"package: {len(passes)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
