"""One line of a wrk result: name label req/s p99-ms status items bytes non-2xx (argv: file name label status items bytes)."""
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
p99 = ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups())
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(sys.argv[2], sys.argv[3], f"{rps:.1f}", f"{p99:.2f}", sys.argv[4], sys.argv[5], sys.argv[6], errors.group(1) if errors else 0)
