/// Names and URLs package metadata commonly uses for licenses instead of SPDX ids, and the id each means.
/// Only unambiguous ones: a bare "BSD" or "GPL" names no single license and stays a name.
enum LicenseAliases {
    static let all: [String: String] = [
        "Apache 2.0": "Apache-2.0", "Apache 2": "Apache-2.0", "Apache-2": "Apache-2.0", "Apache License 2": "Apache-2.0",
        "Apache License Version 2.0": "Apache-2.0", "Apache License, Version 2.0": "Apache-2.0",
        "Apache Software License 2.0": "Apache-2.0", "Apache Software License, Version 2.0": "Apache-2.0",
        "ASL 2.0": "Apache-2.0", "ASF 2.0": "Apache-2.0", "Apache License v2.0": "Apache-2.0",
        "MIT License": "MIT", "MIT/X11": "MIT", "Expat": "MIT", "The MIT License (MIT)": "MIT",
        "ISC License": "ISC", "ISC License (ISCL)": "ISC",
        "BSD 3-Clause": "BSD-3-Clause", "BSD 3-Clause License": "BSD-3-Clause", "3-Clause BSD License": "BSD-3-Clause",
        "New BSD License": "BSD-3-Clause", "Modified BSD License": "BSD-3-Clause", "Revised BSD License": "BSD-3-Clause",
        "BSD 2-Clause": "BSD-2-Clause", "BSD 2-Clause License": "BSD-2-Clause", "Simplified BSD License": "BSD-2-Clause",
        "FreeBSD License": "BSD-2-Clause",
        "GPLv2": "GPL-2.0-only", "GPL v2": "GPL-2.0-only", "GPL-2": "GPL-2.0-only", "GPL 2": "GPL-2.0-only",
        "GPLv2+": "GPL-2.0-or-later", "GPLv3": "GPL-3.0-only", "GPL v3": "GPL-3.0-only", "GPL-3": "GPL-3.0-only",
        "GPL 3": "GPL-3.0-only", "GPLv3+": "GPL-3.0-or-later",
        "GNU General Public License v2": "GPL-2.0-only", "GNU General Public License v3": "GPL-3.0-only",
        "GNU General Public License v2 (GPLv2)": "GPL-2.0-only", "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
        "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
        "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
        "LGPLv2": "LGPL-2.0-only", "LGPLv2.1": "LGPL-2.1-only", "LGPL-2.1": "LGPL-2.1-only", "LGPLv3": "LGPL-3.0-only",
        "LGPL-3": "LGPL-3.0-only", "LGPLv3+": "LGPL-3.0-or-later",
        "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
        "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
        "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
        "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
        "AGPLv3": "AGPL-3.0-only", "AGPL-3": "AGPL-3.0-only", "AGPLv3+": "AGPL-3.0-or-later",
        "GNU Affero General Public License v3": "AGPL-3.0-only",
        "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
        "MPL 2.0": "MPL-2.0", "MPL-2": "MPL-2.0", "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
        "MPL 1.1": "MPL-1.1", "EPL 1.0": "EPL-1.0", "EPL 2.0": "EPL-2.0", "EPL-1": "EPL-1.0",
        "Eclipse Public License - v 1.0": "EPL-1.0", "Eclipse Public License - v 2.0": "EPL-2.0",
        "CDDL 1.0": "CDDL-1.0", "CDDL 1.1": "CDDL-1.1",
        "Unlicense": "Unlicense", "The Unlicense (Unlicense)": "Unlicense", "CC0": "CC0-1.0", "CC0 1.0": "CC0-1.0",
        "Public Domain (CC0)": "CC0-1.0", "WTFPL": "WTFPL", "zlib License": "Zlib", "zlib/libpng": "Zlib",
        "Python Software Foundation License": "PSF-2.0", "PSF": "PSF-2.0", "PSFL": "PSF-2.0",
        "Boost Software License 1.0": "BSL-1.0", "Boost": "BSL-1.0", "Ruby": "Ruby", "Artistic 2.0": "Artistic-2.0",
    ]

    /// URL path endings → id, for URLs whose last segment is not the id itself.
    static let urls: [String: String] = [
        "apache.org/licenses/license-2.0": "Apache-2.0",
        "gnu.org/licenses/gpl-2.0": "GPL-2.0-only", "gnu.org/licenses/old-licenses/gpl-2.0": "GPL-2.0-only",
        "gnu.org/licenses/gpl-3.0": "GPL-3.0-only", "gnu.org/licenses/gpl": "GPL-3.0-only",
        "gnu.org/licenses/lgpl-2.1": "LGPL-2.1-only", "gnu.org/licenses/old-licenses/lgpl-2.1": "LGPL-2.1-only",
        "gnu.org/licenses/lgpl-3.0": "LGPL-3.0-only", "gnu.org/licenses/lgpl": "LGPL-3.0-only",
        "gnu.org/licenses/agpl-3.0": "AGPL-3.0-only", "gnu.org/licenses/agpl": "AGPL-3.0-only",
        "mozilla.org/mpl/2.0": "MPL-2.0", "eclipse.org/legal/epl-v10": "EPL-1.0", "eclipse.org/legal/epl-2.0": "EPL-2.0",
        "eclipse.org/legal/epl-v20": "EPL-2.0", "opensource.org/licenses/mit-license": "MIT",
        "opensource.org/licenses/bsd-license": "BSD-2-Clause", "creativecommons.org/publicdomain/zero/1.0": "CC0-1.0",
        "unlicense.org": "Unlicense",
    ]
}
