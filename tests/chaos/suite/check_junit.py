#!/usr/bin/python3
"""Checks a JUnit XML file the way a CI system reads it.

    /usr/bin/python3 check_junit.py FILE.xml [SCHEMA.xsd]

Parses the file (well-formed XML), checks the structure testsuites >
testsuite > testcase, that every testcase has a name, a classname and a
numeric time, at most one of failure / error / skipped, and that the tests /
failures / errors / skipped counts of every testsuite and of the root equal
what their children hold. With SCHEMA and xmllint installed, also validates
against the schema. Prints what is wrong and exits 1, or prints a summary
"tests=N failures=F skipped=S" and exits 0.
"""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print(message)
    sys.exit(1)


def main():
    path = sys.argv[1]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        fail(f"not well-formed XML: {error}")
    if root.tag != "testsuites":
        fail(f"root element is <{root.tag}>, expected <testsuites>")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root:
        if suite.tag != "testsuite":
            fail(f"<{suite.tag}> under <testsuites>")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in suite.iter("testcase"):
            counts["tests"] += 1
            for attribute in ("name", "classname", "time"):
                if attribute not in case.attrib:
                    fail(f"testcase without {attribute} in {suite.get('name')}")
            float(case.get("time"))
            outcomes = [c.tag for c in case if c.tag in ("failure", "error", "skipped")]
            if len(outcomes) > 1:
                fail(f"testcase {case.get('name')} has {outcomes}")
            for tag, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
                counts[key] += tag in outcomes
        for key, value in counts.items():
            if int(suite.get(key, "0")) != value:
                fail(f"testsuite {suite.get('name')}: {key}={suite.get(key)} but {value} found")
            totals[key] += value
    for key, value in totals.items():
        if int(root.get(key, "0")) != value:
            fail(f"testsuites: {key}={root.get(key)} but {value} found")
    if len(sys.argv) > 2 and shutil.which("xmllint"):
        result = subprocess.run(["xmllint", "--noout", "--schema", sys.argv[2], path],
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail("schema: " + result.stderr.strip())
    print(f"tests={totals['tests']} failures={totals['failures']} skipped={totals['skipped']}")


if __name__ == "__main__":
    main()
