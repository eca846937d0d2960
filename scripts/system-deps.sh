#!/usr/bin/env bash
# The Debian packages the test suite needs. As root, installs what is missing with apt;
# otherwise names what is missing and fails, so no test is ever skipped for want of them.
set -euo pipefail

# package:the file that shows it is installed
needed=(
  "chromium:/usr/bin/chromium"          # browser tests drive Debian's Chromium via Playwright
  "fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Chinese glyphs
  # a TrueType 宋体 the 法制审核意见书 PDF embeds (reportlab cannot embed Noto's CFF outlines)
  "fonts-arphic-gbsn00lp:/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
  # The evidence store's S3 tests run against a real Ceph RADOS Gateway (scripts/start-rgw.sh)
  "radosgw:/usr/bin/radosgw"
  "ceph-mon:/usr/bin/ceph-mon"
  "ceph-osd:/usr/bin/ceph-osd"
  "ceph-common:/usr/bin/rados"          # also ceph and radosgw-admin
)

missing=()
for entry in "${needed[@]}"; do
  package=${entry%%:*}
  file=${entry#*:}
  [[ -e $file ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  echo "安装测试所需的系统软件包：${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || apt-get update
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  exit 0
fi
echo "测试需要以下系统软件包，请以 root 运行 make test，或先执行：" >&2
echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
