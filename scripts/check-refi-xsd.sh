#!/usr/bin/env bash
# Cross-checks REFI-QDA files against the standard's own XSDs with xmllint
# (Debian: libxml2-utils), beside the Swift schema check the tests use.
# The XSDs are the REFI consortium's and are not kept here: pass the folder
# that holds Project.xsd and Codebook.xsd (REFI-QDA 1.0).
#
#   scripts/check-refi-xsd.sh XSD_DIR FILE.qdpx|FILE.qdc|project.qde ...
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 XSD_DIR FILE..." >&2
  exit 2
fi
xsd_dir=$1
shift
command -v xmllint >/dev/null || { echo "xmllint is missing (apt-get install libxml2-utils)" >&2; exit 2; }
status=0
for file in "$@"; do
  case "$file" in
    *.qdpx)
      tmp=$(mktemp)
      python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("project.qde"))' "$file" > "$tmp"
      xmllint --noout --schema "$xsd_dir/Project.xsd" "$tmp" 2>&1 | sed "s|$tmp|$file/project.qde|" || status=1
      rm -f "$tmp"
      ;;
    *.qdc) xmllint --noout --schema "$xsd_dir/Codebook.xsd" "$file" || status=1 ;;
    *) xmllint --noout --schema "$xsd_dir/Project.xsd" "$file" || status=1 ;;
  esac
done
exit $status
