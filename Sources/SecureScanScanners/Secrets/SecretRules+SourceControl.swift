import SecureScanCore

extension SecretRules {
    /// Source control, package registries and CI systems.
    static let sourceControl: [SecretRule] = [
        SecretRule(
            id: "github-pat", title: "GitHub personal access token", severity: .high, keywords: ["ghp_"],
            pattern: start + #"(ghp_[0-9a-zA-Z]{36})(?![0-9a-zA-Z])"#, minEntropy: 3,
            remediation: "Revoke the token in GitHub settings and use a fine-grained token from a secret store."),
        SecretRule(
            id: "github-fine-grained-pat", title: "GitHub fine-grained personal access token", severity: .high,
            keywords: ["github_pat_"], pattern: start + #"(github_pat_\w{82})(?!\w)"#, minEntropy: 3),
        SecretRule(
            id: "github-oauth", title: "GitHub OAuth access token", severity: .high, keywords: ["gho_"],
            pattern: start + #"(gho_[0-9a-zA-Z]{36})(?![0-9a-zA-Z])"#, minEntropy: 3),
        SecretRule(
            id: "github-app-token", title: "GitHub App token", severity: .high, keywords: ["ghu_", "ghs_"],
            pattern: start + #"((?:ghu|ghs)_[0-9a-zA-Z]{36})(?![0-9a-zA-Z])"#, minEntropy: 3),
        SecretRule(
            id: "github-refresh-token", title: "GitHub refresh token", severity: .high, keywords: ["ghr_"],
            pattern: start + #"(ghr_[0-9a-zA-Z]{36})(?![0-9a-zA-Z])"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-pat", title: "GitLab personal access token", severity: .high, keywords: ["glpat-"],
            pattern: start + #"(glpat-[\w-]{20})(?![\w-])"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-pat-routable", title: "GitLab personal access token (routable)", severity: .high,
            keywords: ["glpat-"], pattern: start + #"(glpat-[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7})(?![\w-])"#,
            minEntropy: 4),
        SecretRule(
            id: "gitlab-ptt", title: "GitLab pipeline trigger token", severity: .high, keywords: ["glptt-"],
            pattern: start + #"(glptt-[0-9a-f]{40})(?![0-9a-f])"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-rrt", title: "GitLab runner registration token", severity: .high, keywords: ["gr1348941"],
            pattern: start + #"(GR1348941[\w-]{20})(?![\w-])"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-runner-authentication-token-routable", title: "GitLab runner authentication token",
            severity: .high, keywords: ["glrt-"],
            pattern: start + #"(glrt-t\d_[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7})(?![\w-])"#, minEntropy: 4),
        SecretRule(
            id: "gitlab-deploy-token", title: "GitLab deploy token", severity: .high, keywords: ["gldt-"],
            pattern: start + #"(gldt-[0-9a-zA-Z_-]{20})(?![\w-])"#, minEntropy: 3),
        SecretRule(
            id: "npm-access-token", title: "npm access token", severity: .high, keywords: ["npm_"],
            pattern: start + #"(npm_[a-zA-Z0-9]{36})(?![a-zA-Z0-9])"#, minEntropy: 3.5),
        SecretRule(
            id: "pypi-upload-token", title: "PyPI upload token", severity: .high, keywords: ["pypi-ageichlwas5vcmc"],
            pattern: #"(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})"#, minEntropy: 4),
        SecretRule(
            id: "dockerhub-pat", title: "Docker Hub personal access token", severity: .high, keywords: ["dckr_pat_"],
            pattern: start + #"(dckr_pat_[A-Za-z0-9_-]{27})(?![\w-])"#, minEntropy: 3.5),
        SecretRule(
            id: "sourcegraph-access-token", title: "Sourcegraph access token", severity: .high,
            keywords: ["sgp_", "sourcegraph"],
            pattern: #"(?i)\b(sgp_(?:[a-f0-9]{16}|local)_[a-f0-9]{40}|sgp_[a-f0-9]{40})\b|"#
                + assignment("sourcegraph", "[a-f0-9]{40}"),
            minEntropy: 3),
        SecretRule(
            id: "artifactory-api-key", title: "JFrog Artifactory API key", severity: .high, keywords: ["akcp"],
            pattern: start + #"(AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9])"#, minEntropy: 4.5),
        SecretRule(
            id: "artifactory-reference-token", title: "JFrog Artifactory reference token", severity: .high,
            keywords: ["cmvmd"], pattern: start + #"(cmVmd[A-Za-z0-9]{59})(?![A-Za-z0-9])"#, minEntropy: 4.5),
        SecretRule(
            id: "snyk-api-token", title: "Snyk API token", severity: .high, keywords: ["snyk"],
            pattern: assignment(#"snyk[_.-]?(?:(?:api|oauth)[_.-]?)?(?:key|token)"#, uuid)),
        SecretRule(
            id: "sonar-api-token", title: "SonarQube token", severity: .high, keywords: ["sonar"],
            pattern: assignment(#"sonar[_.-]?(?:login|token)"#, #"(?:squ_|sqp_|sqa_)?[a-z0-9=_-]{40}"#)),
        SecretRule(
            id: "prefect-api-token", title: "Prefect API token", severity: .high, keywords: ["pnu_"],
            pattern: start + #"(pnu_[a-zA-Z0-9]{36})"# + end, minEntropy: 2),
        SecretRule(
            id: "readme-api-token", title: "ReadMe API token", severity: .medium, keywords: ["rdme_"],
            pattern: start + #"(rdme_[a-z0-9]{70})"# + end, minEntropy: 2),
        SecretRule(
            id: "infracost-api-token", title: "Infracost API token", severity: .medium, keywords: ["ico-"],
            pattern: start + #"(ico-[a-zA-Z0-9]{32})"# + end, minEntropy: 3),
        SecretRule(
            id: "sentry-org-token", title: "Sentry organization token", severity: .high, keywords: ["sntrys_eyjpyxqio"],
            pattern: #"\b(sntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43})(?:[^a-zA-Z0-9+/]|$)"#,
            minEntropy: 4.5),
        SecretRule(
            id: "grafana-cloud-api-token", title: "Grafana Cloud API token", severity: .high, keywords: ["glc_"],
            pattern: #"(?i)\b(glc_[A-Za-z0-9+/]{32,400}={0,3})"# + end, minEntropy: 3),
        SecretRule(
            id: "grafana-service-account-token", title: "Grafana service account token", severity: .high,
            keywords: ["glsa_"], pattern: #"(?i)\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})"# + end, minEntropy: 3),
        SecretRule(
            id: "atlassian-api-token", title: "Atlassian API token", severity: .high,
            keywords: ["atlassian", "confluence", "jira", "atatt3"],
            pattern: assignment("(?-i:ATLASSIAN|[Aa]tlassian|CONFLUENCE|[Cc]onfluence|JIRA|[Jj]ira)",
                                "[a-z0-9]{20}[a-f0-9]{4}") + #"|\b(ATATT3[A-Za-z0-9_\-=]{186})"# + end,
            minEntropy: 3.5),
        SecretRule(
            id: "octopus-deploy", title: "Octopus Deploy server API key assignment", severity: .medium,
            keywords: ["octopus"], pattern: assignment("octopus[_.-]?api[_.-]?key", "API-[A-Z0-9]{26}")),
    ]
}
