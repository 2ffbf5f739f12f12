import SecureScanCore

extension SecretRules {
    /// Cloud providers and infrastructure platforms.
    static let cloud: [SecretRule] = [
        SecretRule(
            id: "aws-access-token", title: "AWS access key ID", severity: .critical,
            keywords: ["a3t", "akia", "asia", "abia", "acca"],
            pattern: start + #"((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])"#,
            minEntropy: 3, allow: SecretAllowlist(secrets: ["EXAMPLE$"]),
            remediation: "Deactivate the key in IAM, rotate it, and load credentials from the environment or a role."),
        SecretRule(
            id: "aws-secret-access-key", title: "AWS secret access key", severity: .critical,
            keywords: ["aws", "secret_access", "secretaccess", "secret-access"],
            pattern: assignment(#"aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key"#,
                                #"(?-i:[A-Za-z0-9/+]{40})"#),
            minEntropy: 4, allow: SecretAllowlist(secrets: ["EXAMPLEKEY$"]),
            remediation: "Deactivate the access key in IAM and rotate it."),
        SecretRule(
            id: "aws-amazon-bedrock-api-key-long-lived", title: "Amazon Bedrock API key (long-lived)",
            severity: .critical, keywords: ["absk"],
            pattern: start + #"(ABSK[A-Za-z0-9+/]{109,269}={0,2})"# + end, minEntropy: 3),
        SecretRule(
            id: "aws-amazon-bedrock-api-key-short-lived", title: "Amazon Bedrock API key (short-lived)",
            severity: .high, keywords: ["bedrock-api-key-"],
            pattern: #"(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=]{20,})"#, minEntropy: 3),
        SecretRule(
            id: "gcp-api-key", title: "Google API key", severity: .high, keywords: ["aiza"],
            pattern: start + #"(AIza[\w-]{35})"# + end, minEntropy: 4,
            allow: SecretAllowlist(secrets: [
                // Public demo keys published in Google's own samples and SDK test suites.
                "^AIzaSyabcdefghijklmnopqrstuvwxyz1234567$", "^AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs$",
                "^AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM$", "^AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU$",
                "^AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0$", "^AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A$",
                "^AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c$", "^AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4$",
                "^AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY$", "^AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM$",
                "^AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ$", "^AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g$",
                "^AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU$", "^AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw$",
                "^AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE$", "^AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY$",
            ])),
        SecretRule(
            id: "gcp-service-account", title: "Google Cloud service account key file", severity: .critical,
            keywords: ["service_account"], pattern: #"("type"[ \t]*:[ \t]*"service_account")"#, secretGroup: .whole,
            allow: SecretAllowlist(placeholders: false),
            remediation: "Delete the key in IAM and use workload identity or a secret manager."),
        SecretRule(
            id: "google-oauth-client-secret", title: "Google OAuth client secret", severity: .high,
            keywords: ["gocspx-"], pattern: start + #"(GOCSPX-[A-Za-z0-9_-]{28})"# + end, minEntropy: 3.5),
        SecretRule(
            id: "google-oauth-access-token", title: "Google OAuth access token", severity: .high,
            keywords: ["ya29."], pattern: start + #"(ya29\.[0-9A-Za-z_-]{30,})"# + end, minEntropy: 4),
        SecretRule(
            id: "azure-ad-client-secret", title: "Azure AD client secret", severity: .critical, keywords: ["q~"],
            pattern: #"(?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),])"#,
            minEntropy: 3),
        SecretRule(
            id: "azure-storage-account-key", title: "Azure storage account key", severity: .critical,
            keywords: ["accountkey"], pattern: #"(?i)AccountKey[ \t]*=[ \t]*(?-i:([A-Za-z0-9+/]{86}==))"#,
            minEntropy: 4),
        SecretRule(
            id: "digitalocean-token", title: "DigitalOcean token", severity: .critical,
            keywords: ["dop_v1_", "doo_v1_", "dor_v1_"], pattern: start + #"(do[opr]_v1_[a-f0-9]{64})"# + end,
            minEntropy: 3),
        SecretRule(
            id: "alibaba-access-key-id", title: "Alibaba Cloud AccessKey ID", severity: .high, keywords: ["ltai"],
            pattern: start + #"(LTAI[A-Za-z0-9]{20})"# + end, minEntropy: 3),
        SecretRule(
            id: "heroku-api-key", title: "Heroku API key", severity: .high, keywords: ["heroku"],
            pattern: assignment("heroku", uuid)),
        SecretRule(
            id: "heroku-api-key-v2", title: "Heroku API key", severity: .high, keywords: ["hrku-aa"],
            pattern: start + #"(HRKU-AA[0-9a-zA-Z_-]{58})"# + end, minEntropy: 4),
        SecretRule(
            id: "flyio-access-token", title: "Fly.io access token", severity: .high, keywords: ["fo1_", "fm1", "fm2_"],
            pattern: start + #"(fo1_[\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3})"# + end,
            minEntropy: 4),
        SecretRule(
            id: "vault-service-token", title: "HashiCorp Vault service token", severity: .critical,
            keywords: ["hvs.", "s."],
            pattern: start + #"(hvs\.[\w-]{90,120}|s\.(?i:[a-z0-9]{24}))"# + end, minEntropy: 3.5,
            allow: SecretAllowlist(secrets: [#"^s\.[A-Za-z]{24}$"#])),
        SecretRule(
            id: "vault-batch-token", title: "HashiCorp Vault batch token", severity: .high, keywords: ["hvb."],
            pattern: start + #"(hvb\.[\w-]{138,300})"# + end, minEntropy: 4),
        SecretRule(
            id: "hashicorp-tf-api-token", title: "Terraform Cloud API token", severity: .high, keywords: ["atlasv1"],
            pattern: #"(?i)([a-z0-9]{14}\.(?-i:atlasv1)\.[a-z0-9_=-]{60,70})"#, minEntropy: 3.5),
        SecretRule(
            id: "databricks-api-token", title: "Databricks API token", severity: .high, keywords: ["dapi"],
            pattern: start + #"(dapi[a-f0-9]{32}(?:-\d)?)"# + end, minEntropy: 3),
        SecretRule(
            id: "pulumi-api-token", title: "Pulumi access token", severity: .high, keywords: ["pul-"],
            pattern: start + #"(pul-[a-f0-9]{40})"# + end, minEntropy: 2),
        SecretRule(
            id: "scalingo-api-token", title: "Scalingo API token", severity: .high, keywords: ["tk-us-"],
            pattern: start + #"(tk-us-[\w-]{48})"# + end, minEntropy: 2),
        SecretRule(
            id: "openshift-user-token", title: "OpenShift user token", severity: .high, keywords: ["sha256~"],
            pattern: start + #"(sha256~[\w-]{43})(?:[^\w-]|$)"#, minEntropy: 3.5),
        SecretRule(
            id: "clickhouse-cloud-api-secret-key", title: "ClickHouse Cloud API secret key", severity: .high,
            keywords: ["4b1d"], pattern: start + #"(4b1d[A-Za-z0-9]{38})(?![A-Za-z0-9])"#, minEntropy: 3),
        SecretRule(
            id: "cisco-meraki-api-key", title: "Cisco Meraki API key", severity: .high, keywords: ["meraki"],
            pattern: assignment("(?-i:[Mm]eraki|MERAKI)", "(?-i:[0-9a-f]{40})"), minEntropy: 3),
        SecretRule(
            id: "octopus-deploy-api-key", title: "Octopus Deploy API key", severity: .high, keywords: ["api-"],
            pattern: start + #"(API-[A-Z0-9]{26})"# + end, minEntropy: 3),
        SecretRule(
            id: "sumologic-access-id", title: "Sumo Logic access ID", severity: .medium, keywords: ["sumo"],
            pattern: assignment("(?-i:[Ss]umo|SUMO)", "(?-i:su[a-zA-Z0-9]{12})"), minEntropy: 3),
        SecretRule(
            id: "sumologic-access-token", title: "Sumo Logic access key", severity: .high, keywords: ["sumo"],
            pattern: assignment("(?-i:[Ss]umo|SUMO)", "[a-z0-9]{64}"), minEntropy: 3),
    ]
}
