import SecureScanCore

extension SecretRules {
    /// Machine-learning and AI model APIs.
    static let aiServices: [SecretRule] = [
        SecretRule(
            id: "openai-api-key", title: "OpenAI API key", severity: .high, keywords: ["t3blbkfj", "sk-proj-", "sk-svcacct-", "sk-admin-"],
            pattern: start + #"(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))"#
                + end, minEntropy: 3.5),
        SecretRule(
            id: "anthropic-api-key", title: "Anthropic API key", severity: .high, keywords: ["sk-ant-api03"],
            pattern: #"\b(sk-ant-api03-[a-zA-Z0-9_-]{93}AA)"# + end),
        SecretRule(
            id: "anthropic-admin-api-key", title: "Anthropic admin API key", severity: .critical,
            keywords: ["sk-ant-admin01"], pattern: #"\b(sk-ant-admin01-[a-zA-Z0-9_-]{93}AA)"# + end),
        SecretRule(
            id: "huggingface-access-token", title: "Hugging Face access token", severity: .high, keywords: ["hf_"],
            pattern: #"\b(hf_(?i:[a-z]{34}))"# + end, minEntropy: 2),
        SecretRule(
            id: "huggingface-organization-api-token", title: "Hugging Face organization API token", severity: .high,
            keywords: ["api_org_"], pattern: #"\b(api_org_(?i:[a-z]{34}))"# + end, minEntropy: 2),
        SecretRule(
            id: "cohere-api-token", title: "Cohere API key", severity: .high, keywords: ["cohere", "co_api_key"],
            pattern: assignment("cohere|CO_API_KEY", "(?-i:[a-zA-Z0-9]{40})"), minEntropy: 4),
        SecretRule(
            id: "perplexity-api-key", title: "Perplexity API key", severity: .high, keywords: ["pplx-"],
            pattern: #"\b(pplx-[a-zA-Z0-9]{48})(?:[\x60'"\s;]|\\[nr]|$|\b)"#, minEntropy: 4),
        SecretRule(
            id: "privateai-api-token", title: "Private AI API key", severity: .high,
            keywords: ["privateai", "private_ai", "private-ai"],
            pattern: assignment("private[_-]?ai", "[a-z0-9]{32}"), minEntropy: 3),
    ]
}
