"""The runner of the Python test scripts in tests/analysis/ (no pytest needed)."""


def run_checks(namespace, *args):
    """Calls every test_* function of `namespace` (a module's globals()) in name order with
    `args`, prints ok/FAIL per test, and returns the exit status: 0 if all passed, 1 if not."""
    failed = 0
    for name, fn in sorted(namespace.items()):
        if not (name.startswith("test_") and callable(fn)):
            continue
        try:
            fn(*args)
            print(f"ok   {name}")
        except Exception as e:  # report every failure, then exit non-zero
            failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}")
    print("all passed" if not failed else f"{failed} failed")
    return 1 if failed else 0
