import SecureScanCore

extension SecretRules {
    /// The formats of gitleaks' default configuration that have no sample cases there (gitleaks/gitleaks@b58d3f102cf3,
    /// `config/gitleaks.toml`, MIT): provider tokens with a prefix, and provider names assigned a value of the
    /// provider's shape. They come after every other rule, so a value an earlier rule reports keeps its
    /// finding and fingerprint; their cases are `fixtures/secrets/gitleaks-formats/cases.jsonl`.
    static let providerFormats: [SecretRule] = [
        SecretRule(
            id: "adafruit-api-key", title: "Adafruit API key", severity: .high,
            keywords: ["adafruit"], pattern: assignment(#"adafruit"#, #"[a-z0-9_-]{32}"#)),
        SecretRule(
            id: "adobe-client-id", title: "Adobe client ID", severity: .medium,
            keywords: ["adobe"], pattern: assignment(#"adobe"#, #"[a-f0-9]{32}"#), minEntropy: 2),
        SecretRule(
            id: "adobe-client-secret", title: "Adobe client secret", severity: .high,
            keywords: ["p8e-"], pattern: #"(\b(?:p8e-(?i)[a-z0-9]{32}))"# + end, minEntropy: 2),
        SecretRule(
            id: "airtable-api-key", title: "Airtable API key", severity: .high,
            keywords: ["airtable"], pattern: assignment(#"airtable"#, #"[a-z0-9]{17}"#)),
        SecretRule(
            id: "airtable-personnal-access-token", title: "Airtable personal access token", severity: .high,
            keywords: ["airtable"], pattern: #"(\b(?:pat[[:alnum:]]{14}\.[a-f0-9]{64}))"# + end),
        SecretRule(
            id: "algolia-api-key", title: "Algolia API key", severity: .high,
            keywords: ["algolia"], pattern: assignment(#"algolia"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "alibaba-secret-key", title: "Alibaba Cloud secret key", severity: .high,
            keywords: ["alibaba"], pattern: assignment(#"alibaba"#, #"[a-z0-9]{30}"#), minEntropy: 2),
        SecretRule(
            id: "asana-client-id", title: "Asana client ID", severity: .medium,
            keywords: ["asana"], pattern: assignment(#"asana"#, #"[0-9]{16}"#)),
        SecretRule(
            id: "asana-client-secret", title: "Asana client secret", severity: .high,
            keywords: ["asana"], pattern: assignment(#"asana"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "authress-service-client-access-key", title: "Authress service client access key", severity: .high,
            keywords: ["sc_", "ext_", "scauth_", "authress_"], pattern: #"(\b(?:(?:sc|ext|scauth|authress)_(?i)[a-z0-9]{5,30}\.[a-z0-9]{4,6}\.(?-i:acc)[_-][a-z0-9-]{10,32}\.[a-z0-9+/_=-]{30,120}))"# + end, minEntropy: 2),
        SecretRule(
            id: "bitbucket-client-id", title: "Bitbucket client ID", severity: .medium,
            keywords: ["bitbucket"], pattern: assignment(#"bitbucket"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "bitbucket-client-secret", title: "Bitbucket client secret", severity: .high,
            keywords: ["bitbucket"], pattern: assignment(#"bitbucket"#, #"[a-z0-9=_\-]{64}"#)),
        SecretRule(
            id: "bittrex-access-key", title: "Bittrex access key", severity: .high,
            keywords: ["bittrex"], pattern: assignment(#"bittrex"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "bittrex-secret-key", title: "Bittrex secret key", severity: .high,
            keywords: ["bittrex"], pattern: assignment(#"bittrex"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "clojars-api-token", title: "Clojars API token", severity: .high,
            keywords: ["clojars_"], pattern: #"((?i)CLOJARS_[a-z0-9]{60})"#, minEntropy: 2),
        SecretRule(
            id: "cloudflare-api-key", title: "Cloudflare API key", severity: .high,
            keywords: ["cloudflare"], pattern: assignment(#"cloudflare"#, #"[a-z0-9_-]{40}"#), minEntropy: 2),
        SecretRule(
            id: "cloudflare-global-api-key", title: "Cloudflare global API key", severity: .high,
            keywords: ["cloudflare"], pattern: assignment(#"cloudflare"#, #"[a-f0-9]{37}"#), minEntropy: 2),
        SecretRule(
            id: "cloudflare-origin-ca-key", title: "Cloudflare origin CA key", severity: .high,
            keywords: ["cloudflare", "v1.0-"], pattern: #"(\b(?:v1\.0-[a-f0-9]{24}-[a-f0-9]{146}))"# + end, minEntropy: 2),
        SecretRule(
            id: "codecov-access-token", title: "Codecov access token", severity: .high,
            keywords: ["codecov"], pattern: assignment(#"codecov"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "coinbase-access-token", title: "Coinbase access token", severity: .high,
            keywords: ["coinbase"], pattern: assignment(#"coinbase"#, #"[a-z0-9_-]{64}"#)),
        SecretRule(
            id: "confluent-access-token", title: "Confluent access token", severity: .high,
            keywords: ["confluent"], pattern: assignment(#"confluent"#, #"[a-z0-9]{16}"#)),
        SecretRule(
            id: "confluent-secret-key", title: "Confluent secret key", severity: .high,
            keywords: ["confluent"], pattern: assignment(#"confluent"#, #"[a-z0-9]{64}"#)),
        SecretRule(
            id: "contentful-delivery-api-token", title: "Contentful delivery API token", severity: .high,
            keywords: ["contentful"], pattern: assignment(#"contentful"#, #"[a-z0-9=_\-]{43}"#)),
        SecretRule(
            id: "datadog-access-token", title: "Datadog access token", severity: .high,
            keywords: ["datadog"], pattern: assignment(#"datadog"#, #"[a-z0-9]{40}"#)),
        SecretRule(
            id: "defined-networking-api-token", title: "Defined Networking API token", severity: .high,
            keywords: ["dnkey"], pattern: assignment(#"dnkey"#, #"dnkey-[a-z0-9=_\-]{26}-[a-z0-9=_\-]{52}"#)),
        SecretRule(
            id: "digitalocean-access-token", title: "DigitalOcean access token", severity: .high,
            keywords: ["doo_v1_"], pattern: #"(\b(?:doo_v1_[a-f0-9]{64}))"# + end, minEntropy: 3),
        SecretRule(
            id: "digitalocean-pat", title: "DigitalOcean personal access token", severity: .high,
            keywords: ["dop_v1_"], pattern: #"(\b(?:dop_v1_[a-f0-9]{64}))"# + end, minEntropy: 3),
        SecretRule(
            id: "digitalocean-refresh-token", title: "DigitalOcean refresh token", severity: .high,
            keywords: ["dor_v1_"], pattern: #"((?i)\b(?:dor_v1_[a-f0-9]{64}))"# + end),
        SecretRule(
            id: "discord-api-token", title: "Discord API token", severity: .high,
            keywords: ["discord"], pattern: assignment(#"discord"#, #"[a-f0-9]{64}"#)),
        SecretRule(
            id: "droneci-access-token", title: "Drone CI access token", severity: .high,
            keywords: ["droneci"], pattern: assignment(#"droneci"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "dropbox-api-token", title: "Dropbox API token", severity: .high,
            keywords: ["dropbox"], pattern: assignment(#"dropbox"#, #"[a-z0-9]{15}"#)),
        SecretRule(
            id: "dropbox-long-lived-api-token", title: "Dropbox long lived API token", severity: .high,
            keywords: ["dropbox"], pattern: assignment(#"dropbox"#, #"[a-z0-9]{11}(AAAAAAAAAA)[a-z0-9\-_=]{43}"#)),
        SecretRule(
            id: "dropbox-short-lived-api-token", title: "Dropbox short lived API token", severity: .high,
            keywords: ["dropbox"], pattern: assignment(#"dropbox"#, #"sl\.[a-z0-9\-=_]{135}"#)),
        SecretRule(
            id: "duffel-api-token", title: "Duffel API token", severity: .high,
            keywords: ["duffel_"], pattern: #"(duffel_(?:test|live)_(?i)[a-z0-9_\-=]{43})"#, minEntropy: 2),
        SecretRule(
            id: "dynatrace-api-token", title: "Dynatrace API token", severity: .high,
            keywords: ["dt0c01."], pattern: #"(dt0c01\.(?i)[a-z0-9]{24}\.[a-z0-9]{64})"#, minEntropy: 4),
        SecretRule(
            id: "fastly-api-token", title: "Fastly API token", severity: .high,
            keywords: ["fastly"], pattern: assignment(#"fastly"#, #"[a-z0-9=_\-]{32}"#)),
        SecretRule(
            id: "finicity-api-token", title: "Finicity API token", severity: .high,
            keywords: ["finicity"], pattern: assignment(#"finicity"#, #"[a-f0-9]{32}"#)),
        SecretRule(
            id: "finicity-client-secret", title: "Finicity client secret", severity: .high,
            keywords: ["finicity"], pattern: assignment(#"finicity"#, #"[a-z0-9]{20}"#)),
        SecretRule(
            id: "finnhub-access-token", title: "Finnhub access token", severity: .high,
            keywords: ["finnhub"], pattern: assignment(#"finnhub"#, #"[a-z0-9]{20}"#)),
        SecretRule(
            id: "flickr-access-token", title: "Flickr access token", severity: .high,
            keywords: ["flickr"], pattern: assignment(#"flickr"#, #"[a-z0-9]{32}"#)),
        SecretRule(
            id: "flutterwave-encryption-key", title: "Flutterwave encryption key", severity: .high,
            keywords: ["flwseck_test"], pattern: #"(FLWSECK_TEST-(?i)[a-h0-9]{12})"#, minEntropy: 2),
        SecretRule(
            id: "flutterwave-public-key", title: "Flutterwave public key", severity: .medium,
            keywords: ["flwpubk_test"], pattern: #"(FLWPUBK_TEST-(?i)[a-h0-9]{32}-X)"#, minEntropy: 2),
        SecretRule(
            id: "flutterwave-secret-key", title: "Flutterwave secret key", severity: .high,
            keywords: ["flwseck_test"], pattern: #"(FLWSECK_TEST-(?i)[a-h0-9]{32}-X)"#, minEntropy: 2),
        SecretRule(
            id: "frameio-api-token", title: "Frame.io API token", severity: .high,
            keywords: ["fio-u-"], pattern: #"(fio-u-(?i)[a-z0-9\-_=]{64})"#),
        SecretRule(
            id: "freshbooks-access-token", title: "FreshBooks access token", severity: .high,
            keywords: ["freshbooks"], pattern: assignment(#"freshbooks"#, #"[a-z0-9]{64}"#)),
        SecretRule(
            id: "gitlab-cicd-job-token", title: "GitLab CI/CD job token", severity: .high,
            keywords: ["glcbt-"], pattern: #"(glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-feature-flag-client-token", title: "GitLab feature flag client token", severity: .high,
            keywords: ["glffct-"], pattern: #"(glffct-[0-9a-zA-Z_\-]{20})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-feed-token", title: "GitLab feed token", severity: .high,
            keywords: ["glft-"], pattern: #"(glft-[0-9a-zA-Z_\-]{20})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-incoming-mail-token", title: "GitLab incoming mail token", severity: .high,
            keywords: ["glimt-"], pattern: #"(glimt-[0-9a-zA-Z_\-]{25})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-kubernetes-agent-token", title: "GitLab kubernetes agent token", severity: .high,
            keywords: ["glagent-"], pattern: #"(glagent-[0-9a-zA-Z_\-]{50})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-oauth-app-secret", title: "GitLab OAuth app secret", severity: .high,
            keywords: ["gloas-"], pattern: #"(gloas-[0-9a-zA-Z_\-]{64})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-runner-authentication-token", title: "GitLab runner authentication token", severity: .high,
            keywords: ["glrt-"], pattern: #"(glrt-[0-9a-zA-Z_\-]{20})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-scim-token", title: "GitLab SCIM token", severity: .high,
            keywords: ["glsoat-"], pattern: #"(glsoat-[0-9a-zA-Z_\-]{20})"#, minEntropy: 3),
        SecretRule(
            id: "gitlab-session-cookie", title: "GitLab session cookie", severity: .high,
            keywords: ["_gitlab_session="], pattern: #"(_gitlab_session=[0-9a-z]{32})"#, minEntropy: 3),
        SecretRule(
            id: "gitter-access-token", title: "Gitter access token", severity: .high,
            keywords: ["gitter"], pattern: assignment(#"gitter"#, #"[a-z0-9_-]{40}"#)),
        SecretRule(
            id: "gocardless-api-token", title: "GoCardless API token", severity: .high,
            keywords: ["live_", "gocardless"], pattern: assignment(#"gocardless"#, #"live_(?i)[a-z0-9\-_=]{40}"#)),
        SecretRule(
            id: "grafana-api-key", title: "Grafana API key", severity: .high,
            keywords: ["eyjrijoi"], pattern: #"((?i)\b(?:eyJrIjoi[A-Za-z0-9]{70,400}={0,3}))"# + end, minEntropy: 3),
        SecretRule(
            id: "harness-api-key", title: "Harness API key", severity: .high,
            keywords: ["pat.", "sat."], pattern: #"((?:pat|sat)\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{20})"#),
        SecretRule(
            id: "intercom-api-key", title: "Intercom API key", severity: .high,
            keywords: ["intercom"], pattern: assignment(#"intercom"#, #"[a-z0-9=_\-]{60}"#)),
        SecretRule(
            id: "jfrog-api-key", title: "JFrog API key", severity: .high,
            keywords: ["jfrog", "artifactory", "bintray", "xray"], pattern: assignment(#"jfrog|artifactory|bintray|xray"#, #"[a-z0-9]{73}"#)),
        SecretRule(
            id: "jfrog-identity-token", title: "JFrog identity token", severity: .high,
            keywords: ["jfrog", "artifactory", "bintray", "xray"], pattern: assignment(#"jfrog|artifactory|bintray|xray"#, #"[a-z0-9]{64}"#)),
        SecretRule(
            id: "kraken-access-token", title: "Kraken access token", severity: .high,
            keywords: ["kraken"], pattern: assignment(#"kraken"#, #"[a-z0-9\/=_\+\-]{80,90}"#)),
        SecretRule(
            id: "kucoin-access-token", title: "KuCoin access token", severity: .high,
            keywords: ["kucoin"], pattern: assignment(#"kucoin"#, #"[a-f0-9]{24}"#)),
        SecretRule(
            id: "kucoin-secret-key", title: "KuCoin secret key", severity: .high,
            keywords: ["kucoin"], pattern: assignment(#"kucoin"#, #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)),
        SecretRule(
            id: "launchdarkly-access-token", title: "LaunchDarkly access token", severity: .high,
            keywords: ["launchdarkly"], pattern: assignment(#"launchdarkly"#, #"[a-z0-9=_\-]{40}"#)),
        SecretRule(
            id: "linear-client-secret", title: "Linear client secret", severity: .high,
            keywords: ["linear"], pattern: assignment(#"linear"#, #"[a-f0-9]{32}"#), minEntropy: 2),
        SecretRule(
            id: "linkedin-client-id", title: "LinkedIn client ID", severity: .medium,
            keywords: ["linkedin", "linked_in", "linked-in"], pattern: assignment(#"linked[_-]?in"#, #"[a-z0-9]{14}"#), minEntropy: 2),
        SecretRule(
            id: "linkedin-client-secret", title: "LinkedIn client secret", severity: .high,
            keywords: ["linkedin", "linked_in", "linked-in"], pattern: assignment(#"linked[_-]?in"#, #"[a-z0-9]{16}"#), minEntropy: 2),
        SecretRule(
            id: "lob-api-key", title: "Lob API key", severity: .high,
            keywords: ["test_", "live_"], pattern: assignment(#"lob"#, #"(live|test)_[a-f0-9]{35}"#)),
        SecretRule(
            id: "lob-pub-api-key", title: "Lob public API key", severity: .high,
            keywords: ["test_pub", "live_pub", "_pub"], pattern: assignment(#"lob"#, #"(test|live)_pub_[a-f0-9]{31}"#)),
        SecretRule(
            id: "looker-client-id", title: "Looker client ID", severity: .medium,
            keywords: ["looker"], pattern: assignment(#"looker"#, #"[a-z0-9]{20}"#)),
        SecretRule(
            id: "looker-client-secret", title: "Looker client secret", severity: .high,
            keywords: ["looker"], pattern: assignment(#"looker"#, #"[a-z0-9]{24}"#)),
        SecretRule(
            id: "mailgun-pub-key", title: "Mailgun public key", severity: .medium,
            keywords: ["mailgun"], pattern: assignment(#"mailgun"#, #"pubkey-[a-f0-9]{32}"#)),
        SecretRule(
            id: "mailgun-signing-key", title: "Mailgun signing key", severity: .high,
            keywords: ["mailgun"], pattern: assignment(#"mailgun"#, #"[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"#)),
        SecretRule(
            id: "mapbox-api-token", title: "Mapbox API token", severity: .high,
            keywords: ["mapbox"], pattern: assignment(#"mapbox"#, #"pk\.[a-z0-9]{60}\.[a-z0-9]{22}"#)),
        SecretRule(
            id: "mattermost-access-token", title: "Mattermost access token", severity: .high,
            keywords: ["mattermost"], pattern: assignment(#"mattermost"#, #"[a-z0-9]{26}"#)),
        SecretRule(
            id: "maxmind-license-key", title: "MaxMind license key", severity: .high,
            keywords: ["_mmk"], pattern: #"(\b(?:[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk))"# + end, minEntropy: 4),
        SecretRule(
            id: "messagebird-api-token", title: "MessageBird API token", severity: .high,
            keywords: ["messagebird", "message-bird", "message_bird"], pattern: assignment(#"message[_-]?bird"#, #"[a-z0-9]{25}"#)),
        SecretRule(
            id: "microsoft-teams-webhook", title: "Microsoft Teams webhook", severity: .high,
            keywords: ["webhook.office.com", "webhookb2", "incomingwebhook"], pattern: #"(https://[a-z0-9]+\.webhook\.office\.com/webhookb2/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}@[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12})"#),
        SecretRule(
            id: "netlify-access-token", title: "Netlify access token", severity: .high,
            keywords: ["netlify"], pattern: assignment(#"netlify"#, #"[a-z0-9=_\-]{40,46}"#)),
        SecretRule(
            id: "new-relic-browser-api-token", title: "New Relic browser API token", severity: .high,
            keywords: ["nrjs-"], pattern: assignment(#"new-relic|newrelic|new_relic"#, #"NRJS-[a-f0-9]{19}"#)),
        SecretRule(
            id: "new-relic-insert-key", title: "New Relic insert key", severity: .high,
            keywords: ["nrii-"], pattern: assignment(#"new-relic|newrelic|new_relic"#, #"NRII-[a-z0-9-]{32}"#)),
        SecretRule(
            id: "new-relic-user-api-id", title: "New Relic user API ID", severity: .medium,
            keywords: ["new-relic", "newrelic", "new_relic"], pattern: assignment(#"new-relic|newrelic|new_relic"#, #"[a-z0-9]{64}"#)),
        SecretRule(
            id: "nytimes-access-token", title: "New York Times access token", severity: .high,
            keywords: ["nytimes", "new-york-times", "newyorktimes"], pattern: assignment(#"nytimes|new-york-times,|newyorktimes"#, #"[a-z0-9=_\-]{32}"#)),
        SecretRule(
            id: "plaid-api-token", title: "Plaid API token", severity: .high,
            keywords: ["plaid"], pattern: assignment(#"plaid"#, #"access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)),
        SecretRule(
            id: "plaid-client-id", title: "Plaid client ID", severity: .medium,
            keywords: ["plaid"], pattern: assignment(#"plaid"#, #"[a-z0-9]{24}"#), minEntropy: 3.5),
        SecretRule(
            id: "plaid-secret-key", title: "Plaid secret key", severity: .high,
            keywords: ["plaid"], pattern: assignment(#"plaid"#, #"[a-z0-9]{30}"#), minEntropy: 3.5),
        SecretRule(
            id: "planetscale-oauth-token", title: "PlanetScale OAuth token", severity: .high,
            keywords: ["pscale_oauth_"], pattern: #"(\b(?:pscale_oauth_[\w=\.-]{32,64}))"# + end, minEntropy: 3),
        SecretRule(
            id: "planetscale-password", title: "PlanetScale password", severity: .high,
            keywords: ["pscale_pw_"], pattern: #"((?i)\b(?:pscale_pw_(?i)[\w=\.-]{32,64}))"# + end, minEntropy: 3),
        SecretRule(
            id: "rapidapi-access-token", title: "RapidAPI access token", severity: .high,
            keywords: ["rapidapi"], pattern: assignment(#"rapidapi"#, #"[a-z0-9_-]{50}"#)),
        SecretRule(
            id: "rubygems-api-token", title: "RubyGems API token", severity: .high,
            keywords: ["rubygems_"], pattern: #"(\b(?:rubygems_[a-f0-9]{48}))"# + end, minEntropy: 2),
        SecretRule(
            id: "sendbird-access-id", title: "Sendbird access ID", severity: .medium,
            keywords: ["sendbird"], pattern: assignment(#"sendbird"#, #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)),
        SecretRule(
            id: "sendbird-access-token", title: "Sendbird access token", severity: .high,
            keywords: ["sendbird"], pattern: assignment(#"sendbird"#, #"[a-f0-9]{40}"#)),
        SecretRule(
            id: "sendinblue-api-token", title: "Sendinblue API token", severity: .high,
            keywords: ["xkeysib-"], pattern: #"(\b(?:xkeysib-[a-f0-9]{64}\-(?i)[a-z0-9]{16}))"# + end, minEntropy: 2),
        SecretRule(
            id: "sentry-access-token", title: "Sentry access token", severity: .high,
            keywords: ["sentry"], pattern: assignment(#"sentry"#, #"[a-f0-9]{64}"#), minEntropy: 3),
        SecretRule(
            id: "sentry-user-token", title: "Sentry user token", severity: .high,
            keywords: ["sntryu_"], pattern: #"(\b(?:sntryu_[a-f0-9]{64}))"# + end, minEntropy: 3.5),
        SecretRule(
            id: "settlemint-application-access-token", title: "SettleMint application access token", severity: .high,
            keywords: ["sm_aat"], pattern: #"(\b(?:sm_aat_[a-zA-Z0-9]{16}))"# + end, minEntropy: 3),
        SecretRule(
            id: "settlemint-personal-access-token", title: "SettleMint personal access token", severity: .high,
            keywords: ["sm_pat"], pattern: #"(\b(?:sm_pat_[a-zA-Z0-9]{16}))"# + end, minEntropy: 3),
        SecretRule(
            id: "settlemint-service-access-token", title: "SettleMint service access token", severity: .high,
            keywords: ["sm_sat"], pattern: #"(\b(?:sm_sat_[a-zA-Z0-9]{16}))"# + end, minEntropy: 3),
        SecretRule(
            id: "shippo-api-token", title: "Shippo API token", severity: .high,
            keywords: ["shippo_"], pattern: #"(\b(?:shippo_(?:live|test)_[a-fA-F0-9]{40}))"# + end, minEntropy: 2),
        SecretRule(
            id: "shopify-custom-access-token", title: "Shopify custom access token", severity: .high,
            keywords: ["shpca_"], pattern: #"(shpca_[a-fA-F0-9]{32})"#, minEntropy: 2),
        SecretRule(
            id: "shopify-private-app-access-token", title: "Shopify private app access token", severity: .high,
            keywords: ["shppa_"], pattern: #"(shppa_[a-fA-F0-9]{32})"#, minEntropy: 2),
        SecretRule(
            id: "shopify-shared-secret", title: "Shopify shared secret", severity: .high,
            keywords: ["shpss_"], pattern: #"(shpss_[a-fA-F0-9]{32})"#, minEntropy: 2),
        SecretRule(
            id: "squarespace-access-token", title: "Squarespace access token", severity: .high,
            keywords: ["squarespace"], pattern: assignment(#"squarespace"#, #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)),
        SecretRule(
            id: "travisci-access-token", title: "Travis CI access token", severity: .high,
            keywords: ["travis"], pattern: assignment(#"travis"#, #"[a-z0-9]{22}"#)),
        SecretRule(
            id: "twitch-api-token", title: "Twitch API token", severity: .high,
            keywords: ["twitch"], pattern: assignment(#"twitch"#, #"[a-z0-9]{30}"#)),
        SecretRule(
            id: "twitter-access-secret", title: "Twitter access secret", severity: .high,
            keywords: ["twitter"], pattern: assignment(#"twitter"#, #"[a-z0-9]{45}"#)),
        SecretRule(
            id: "twitter-access-token", title: "Twitter access token", severity: .high,
            keywords: ["twitter"], pattern: assignment(#"twitter"#, #"[0-9]{15,25}-[a-zA-Z0-9]{20,40}"#)),
        SecretRule(
            id: "twitter-api-key", title: "Twitter API key", severity: .high,
            keywords: ["twitter"], pattern: assignment(#"twitter"#, #"[a-z0-9]{25}"#)),
        SecretRule(
            id: "twitter-api-secret", title: "Twitter API secret", severity: .high,
            keywords: ["twitter"], pattern: assignment(#"twitter"#, #"[a-z0-9]{50}"#)),
        SecretRule(
            id: "twitter-bearer-token", title: "Twitter bearer token", severity: .high,
            keywords: ["twitter"], pattern: assignment(#"twitter"#, #"A{22}[a-zA-Z0-9%]{80,100}"#)),
        SecretRule(
            id: "typeform-api-token", title: "Typeform API token", severity: .high,
            keywords: ["tfp_"], pattern: assignment(#"typeform"#, #"tfp_[a-z0-9\-_\.=]{59}"#)),
        SecretRule(
            id: "yandex-access-token", title: "Yandex access token", severity: .high,
            keywords: ["yandex"], pattern: assignment(#"yandex"#, #"t1\.[A-Z0-9a-z_-]+[=]{0,2}\.[A-Z0-9a-z_-]{86}[=]{0,2}"#)),
        SecretRule(
            id: "yandex-api-key", title: "Yandex API key", severity: .high,
            keywords: ["yandex"], pattern: assignment(#"yandex"#, #"AQVN[A-Za-z0-9_\-]{35,38}"#)),
        SecretRule(
            id: "yandex-aws-access-token", title: "Yandex AWS access token", severity: .high,
            keywords: ["yandex"], pattern: assignment(#"yandex"#, #"YC[a-zA-Z0-9_\-]{38}"#)),
        SecretRule(
            id: "zendesk-secret-key", title: "Zendesk secret key", severity: .high,
            keywords: ["zendesk"], pattern: assignment(#"zendesk"#, #"[a-z0-9]{40}"#)),
    ]
}
