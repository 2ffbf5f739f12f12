import SecureScanCore

extension SecretRules {
    /// Chat, e-mail and notification APIs.
    static let messaging: [SecretRule] = [
        SecretRule(
            id: "slack-bot-token", title: "Slack bot token", severity: .high, keywords: ["xoxb"],
            pattern: #"(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*)"#, minEntropy: 3),
        SecretRule(
            id: "slack-legacy-bot-token", title: "Slack legacy bot token", severity: .high, keywords: ["xoxb"],
            pattern: #"(xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26})"#, minEntropy: 2),
        SecretRule(
            id: "slack-user-token", title: "Slack user token", severity: .high, keywords: ["xoxp-", "xoxe-"],
            pattern: #"(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})"#, minEntropy: 2),
        SecretRule(
            id: "slack-app-token", title: "Slack app-level token", severity: .high, keywords: ["xapp"],
            pattern: #"(?i)(xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)"#, minEntropy: 2),
        SecretRule(
            id: "slack-config-access-token", title: "Slack configuration access token", severity: .high,
            keywords: ["xoxe.xoxb-", "xoxe.xoxp-"], pattern: #"(?i)(xoxe.xox[bp]-\d-[A-Z0-9]{163,166})"#, minEntropy: 2),
        SecretRule(
            id: "slack-config-refresh-token", title: "Slack configuration refresh token", severity: .high,
            keywords: ["xoxe-"], pattern: #"(?i)(xoxe-\d-[A-Z0-9]{146})"#, minEntropy: 2),
        SecretRule(
            id: "slack-legacy-token", title: "Slack legacy token", severity: .high, keywords: ["xoxo", "xoxs"],
            pattern: #"(xox[os]-\d+-\d+-\d+-[a-fA-F\d]+)"#, minEntropy: 2),
        SecretRule(
            id: "slack-legacy-workspace-token", title: "Slack legacy workspace token", severity: .high,
            keywords: ["xoxa", "xoxr"], pattern: #"(xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})"#, minEntropy: 2),
        SecretRule(
            id: "slack-webhook-url", title: "Slack incoming webhook URL", severity: .medium, keywords: ["hooks.slack.com"],
            pattern: #"((?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})"#),
        SecretRule(
            id: "discord-client-id", title: "Discord client ID", severity: .low, keywords: ["discord"],
            pattern: assignment("discord", "[0-9]{18}"), minEntropy: 2),
        SecretRule(
            id: "discord-client-secret", title: "Discord client secret", severity: .high, keywords: ["discord"],
            pattern: assignment("discord", "[a-z0-9=_-]{32}"), minEntropy: 2),
        SecretRule(
            id: "discord-webhook-url", title: "Discord webhook URL", severity: .medium,
            keywords: ["discord.com/api/webhooks", "discordapp.com/api/webhooks"],
            pattern: #"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})"#),
        SecretRule(
            id: "telegram-bot-api-token", title: "Telegram bot token", severity: .high, keywords: ["telegram", "bot_token", "bottoken", "bot-token", "tg_bot", "tgbot"],
            pattern: assignment("telegram|tg[_.-]?bot|bot[_.-]?token", "[0-9]{5,16}:(?-i:A[A-Za-z0-9_-]{34})")),
        SecretRule(
            id: "twilio-api-key", title: "Twilio API key", severity: .high, keywords: ["SK"],
            pattern: start + #"(SK[0-9a-fA-F]{32})(?![0-9a-fA-F])"#, minEntropy: 3.2,
            allow: SecretAllowlist(secrets: ["^SK0{32}$"])),
        SecretRule(
            id: "sendgrid-api-token", title: "SendGrid API key", severity: .high, keywords: ["SG."],
            pattern: start + #"(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})"# + end, minEntropy: 4),
        SecretRule(
            id: "mailgun-private-api-token", title: "Mailgun private API key", severity: .high, keywords: ["mailgun"],
            pattern: assignment("mailgun", "key-[a-f0-9]{32}"), minEntropy: 3),
        SecretRule(
            id: "mailchimp-api-key", title: "Mailchimp API key", severity: .high, keywords: ["mailchimp"],
            pattern: assignment("mailchimp", "[a-f0-9]{32}-us\\d\\d")),
        SecretRule(
            id: "messagebird-client-id", title: "MessageBird client ID", severity: .medium,
            keywords: ["messagebird", "message-bird", "message_bird"],
            pattern: assignment("message[_-]?bird", uuid)),
        SecretRule(
            id: "hubspot-api-key", title: "HubSpot API key", severity: .high, keywords: ["hubspot"],
            pattern: assignment("hubspot", "(?-i:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})")),
        SecretRule(
            id: "beamer-api-token", title: "Beamer API token", severity: .medium, keywords: ["beamer"],
            pattern: assignment("beamer", "b_[a-z0-9=_-]{44}")),
        SecretRule(
            id: "notion-api-token", title: "Notion integration token", severity: .high, keywords: ["ntn_"],
            pattern: start + #"(ntn_[0-9]{11}[A-Za-z0-9]{35})"# + end, minEntropy: 4),
        SecretRule(
            id: "facebook-secret", title: "Facebook app secret", severity: .high, keywords: ["facebook"],
            pattern: assignment("facebook", "[a-f0-9]{32}"), minEntropy: 3),
        SecretRule(
            id: "facebook-access-token", title: "Facebook app access token", severity: .high, keywords: ["facebook"],
            pattern: #"(?i)\b(\d{15,16}(?:\||%7C)[0-9a-z_-]{27,40})"# + end, minEntropy: 3),
        SecretRule(
            id: "facebook-page-access-token", title: "Facebook page access token", severity: .high,
            keywords: ["eaam", "eaac"], pattern: #"\b(EAA[MC](?i)[a-z0-9]{100,})"# + end, minEntropy: 4),
    ]
}
