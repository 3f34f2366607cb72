import sys

try:  # Ctrl-C while the launcher itself loads
    from .launch import main
except KeyboardInterrupt:
    sys.exit(130)

sys.exit(main())
