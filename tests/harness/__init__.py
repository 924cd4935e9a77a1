"""The one test harness: free ports, processes in their own groups, waits on readiness
(never a fixed sleep), one PostgreSQL helper, and a client for a running assistant.

Every tier that starts a server uses these: tests/system (one assistant started as
`make run` starts it) and tests/integration (the production profile).
"""
