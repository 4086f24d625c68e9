from django.contrib.auth.hashers import Argon2PasswordHasher


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id (POL-A-004) with parameters measured on 2 cores; see docs/benchmarks.md."""

    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19456  # KiB: OWASP's minimum profile for Argon2id (19 MiB, t=2, p=1)
    parallelism = 1
