import sys
from pathlib import Path

# Test helper modules (corpus.py, oracle.py) are imported by name.
sys.path.insert(0, str(Path(__file__).parent))
