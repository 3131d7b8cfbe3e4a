"""
moto's own server (moto.server.main, same arguments), with one addition: each request is logged
as it arrives, in epoch milliseconds, before moto handles it. moto's access log is written once a
request has been answered and in whole seconds, so a slow answer moves a request into the next
second; a count of requests per second has to be taken at arrival.

The line: "arrived <epoch ms> <METHOD> <path and query>".
"""
import sys
import time

import moto.server as server


class ArrivalLog(server.DomainDispatcherApplication):
    def __call__(self, environ, start_response):
        query = environ.get("QUERY_STRING")
        target = environ.get("REQUEST_URI") or environ.get("PATH_INFO", "/") + (f"?{query}" if query else "")
        # One write per line: print() writes the newline apart, and requests arrive on many threads.
        sys.stdout.write(f"arrived {time.time_ns() // 1_000_000} {environ['REQUEST_METHOD']} {target}\n")
        sys.stdout.flush()
        return super().__call__(environ, start_response)


server.DomainDispatcherApplication = ArrivalLog

if __name__ == "__main__":
    server.main(sys.argv[1:])
