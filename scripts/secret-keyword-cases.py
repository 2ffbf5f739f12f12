#!/usr/bin/env python3
"""Writes fixtures/secrets/keywords/cases.jsonl: the keyword-secret case set.

Each case is one small file in one syntax: either a secret-looking value assigned to (or compared with)
a name that says it is secret (`expect: secret`, with the value in `secret`), or a look-alike that a
careful tool must not report (`expect: none`, with the reason in `why`): placeholders, references to
other variables, function calls, file paths, URLs without credentials, numbers only, too short, low
entropy, names that contain a secret word but name something else.

The values of true cases are generated at random (seeded, so the file is reproducible); none is a real
credential. Run `python3 scripts/secret-keyword-cases.py > fixtures/secrets/keywords/cases.jsonl`.
"""
import json
import random
import string
import sys

rng = random.Random(20261205)
LOWER, UPPER, DIGITS = string.ascii_lowercase, string.ascii_uppercase, string.digits
SYMBOLS = "!#%&*+-.=?@^_~"


def password():
    """12-20 characters of every class, as a generated password is."""
    length = rng.randint(12, 20)
    chars = [rng.choice(LOWER), rng.choice(UPPER), rng.choice(DIGITS), rng.choice(SYMBOLS)]
    chars += [rng.choice(LOWER + UPPER + DIGITS + SYMBOLS) for _ in range(length - 4)]
    rng.shuffle(chars)
    # Starts with a letter or digit: a leading `#`, `!`, `&`, `*` or `@` would be YAML syntax, not a value.
    first = next(i for i, c in enumerate(chars) if c.isalnum())
    chars[0], chars[first] = chars[first], chars[0]
    return "".join(chars)


def human():
    """A memorable password: two words, digits and a symbol (`Harbor!Violet2291`)."""
    words = ["Harbor", "violet", "Granite", "maple", "Cobalt", "river", "Falcon", "ember", "Tundra", "quartz",
             "Juniper", "copper", "Saffron", "walnut", "Meadow", "cinder"]
    first, second = rng.sample(words, 2)
    return f"{first}{rng.choice('!#%&*?@')}{second.capitalize()}{rng.randint(1000, 9999)}"


def hexa(n=32):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def alnum(n=32):
    return "".join(rng.choice(LOWER + UPPER + DIGITS) for _ in range(n))


def b64(n=40):
    return "".join(rng.choice(LOWER + UPPER + DIGITS + "+/") for _ in range(n))


def uuid():
    h = hexa(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


GENERATORS = {"P": password, "H": human, "X": hexa, "K": alnum, "B": b64, "U": uuid}

# Per syntax: the file the case is written to, then cases. A true case is its text with one `{P}`-style
# marker for the value; a look-alike is `(text, why)`.
SYNTAXES = {
    "yaml": ("config.yml", [
        "password: {P}", "db_password: '{H}'", "api_key: \"{K}\"", "  secret: {B}", "auth_token: {X}",
        "smtp:\n  host: mail.internal\n  password: {P}", "client_secret: {K}", "privateKey: '{B}'",
        "credentials: {X}", "redis_pass: \"{P}\"", "env:\n  - name: DB_PASSWORD\n    value: \"{P}\"",
        "GITHUB_TOKEN: {K}",
    ], [
        ("password: ${DB_PASSWORD}", "environment reference"), ("password: '{{ vault_db_password }}'", "template"),
        ("api_key: <your-api-key>", "placeholder"), ("password: changeme", "placeholder"),
        ("token_url: https://auth.internal/oauth/token", "URL without credentials"),
        ("password_min_length: 12", "number"), ("secret_name: prod/db/password", "path of a secret"),
        ("auth_type: basic", "word"), ("password_file: /run/secrets/db_password", "file path"),
        ("password: ''", "empty"), ("token: null", "null"), ("api_key: !env API_KEY", "tagged reference"),
        ("env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db", "reference to a secret object"),
        ("password: xxxxxxxxxxxx", "mask"),
    ]),
    "ini": ("settings.ini", [
        "[database]\npassword = {P}", "[auth]\ntoken={X}", "[mail]\nsmtp_password = {H}", "api_key = {K}",
        "[s3]\nsecret_access_key = {B}", "client_secret={K}", "[ldap]\nbind_pw = {P}", "secret_key = {B}",
        "[db]\npasswd: {P}",
    ], [
        ("[database]\npassword = %(DB_PASSWORD)s", "interpolation"), ("password = ${env:DB_PASSWORD}", "reference"),
        ("[auth]\ntoken_expiry = 3600", "number"), ("api_key = <insert key>", "placeholder"),
        ("auth_url = https://login.internal/oauth2/token", "URL"), ("password =", "empty"),
        ("secret_key_file = /etc/app/secret.key", "file path"), ("password = password", "the word itself"),
        ("[auth]\ntoken = 1234567890123456", "number"),
    ]),
    "properties": ("application.properties", [
        "spring.datasource.password={P}", "db.password = {H}", "api.key={K}", "oauth.client.secret: {X}",
        "jwt.secret={B}", "mail.smtp.password {P}", "app.auth.token={X}", "keystore.password={P}",
        "aws.secretKey={B}",
    ], [
        ("spring.datasource.password=${DB_PASSWORD}", "reference"), ("db.password=", "empty"),
        ("jwt.secret.expiration=86400", "number"), ("api.key.header=X-Api-Key", "header name"),
        ("oauth.token.url=https://sso.internal/token", "URL"), ("keystore.password=changeit", "well-known default"),
        ("app.secret.path=/opt/app/conf/secret.bin", "file path"), ("auth.enabled=true", "boolean"),
        ("password.policy.minLength=10", "number"),
    ]),
    "toml": ("config.toml", [
        "password = \"{P}\"", "api_key = '{K}'", "[server]\nsecret_key = \"{B}\"", "token = \"{X}\"",
        "[database]\npass = \"{H}\"", "client_secret = \"{K}\"", "auth_token = '{X}'", "[registry]\ntoken = \"{U}\"",
        "webhook_secret = \"{B}\"",
    ], [
        ("password = \"{{ env.DB_PASSWORD }}\"", "template"), ("api_key = \"\"", "empty"),
        ("token_ttl = 3600", "number"), ("secret_key = \"YOUR_SECRET_KEY\"", "placeholder"),
        ("auth_url = \"https://auth.internal/token\"", "URL"), ("password_file = \"/run/secrets/pw\"", "file path"),
        ("token = \"${TOKEN}\"", "reference"), ("keyring = \"system\"", "word"), ("secret = \"aaaaaaaaaaaa\"", "low entropy"),
    ]),
    "json": ("config.json", [
        "{\"password\": \"{P}\"}", "{\"apiKey\":\"{K}\"}", "{\"db\": {\"user\": \"app\", \"password\": \"{H}\"}}",
        "{\"client_secret\": \"{K}\"}", "{\"auth\": {\"token\": \"{X}\"}}", "{\"secretKey\": \"{B}\"}",
        "{\"access_token\": \"{K}\"}", "{\n  \"smtpPassword\": \"{P}\"\n}", "{\"private_key\": \"{B}\"}",
        "{\"credentials\": \"{X}\"}",
    ], [
        ("{\"password\": \"\"}", "empty"), ("{\"apiKey\": \"<API_KEY>\"}", "placeholder"),
        ("{\"password\": \"{{password}}\"}", "template"), ("{\"tokenUrl\": \"https://auth.internal/token\"}", "URL"),
        ("{\"passwordMinLength\": 12}", "number"), ("{\"secretName\": \"db-credentials\"}", "name of a secret"),
        ("{\"auth\": \"oauth2\"}", "word"), ("{\"password\": \"********\"}", "mask"),
        ("{\"api_key\": \"your_api_key_here\"}", "placeholder"), ("{\"token\": null}", "null"),
    ]),
    "env": (".env", [
        "DB_PASSWORD={P}", "API_KEY={K}", "SECRET_KEY=\"{B}\"", "AUTH_TOKEN='{X}'", "STRIPE_WEBHOOK_SECRET={K}",
        "REDIS_PASS={H}", "JWT_SECRET={B}", "MAIL_PASSWORD=\"{P}\"", "OAUTH_CLIENT_SECRET={K}", "ADMIN_PWD={P}",
    ], [
        ("DB_PASSWORD=", "empty"), ("API_KEY=${VAULT_API_KEY}", "reference"), ("SECRET_KEY=changeme", "placeholder"),
        ("AUTH_TOKEN_TTL=3600", "number"), ("TOKEN_URL=https://auth.internal/token", "URL"),
        ("PASSWORD_FILE=/run/secrets/db", "file path"), ("JWT_SECRET=<generate with openssl rand -hex 32>", "placeholder"),
        ("API_KEY=xxxxxxxxxxxxxxxx", "mask"), ("AUTH_ENABLED=true", "boolean"),
    ]),
    "shell": ("deploy.sh", [
        "export DB_PASSWORD='{P}'", "export API_TOKEN=\"{K}\"", "SECRET_KEY='{B}' ./run-server",
        "export AWS_SECRET_ACCESS_KEY={B}", "TOKEN=\"{X}\"\ncurl -s https://api.internal/ping", "export PGPASSWORD='{P}'",
        "readonly CLIENT_SECRET=\"{K}\"", "declare -x AUTH_KEY={X}", "password=\"{H}\"",
    ], [
        ("export DB_PASSWORD=\"$(vault read -field=password secret/db)\"", "command substitution"),
        ("export API_TOKEN=\"${API_TOKEN:-}\"", "reference"), ("TOKEN=$(cat /run/secrets/token)", "command substitution"),
        ("export SECRET_KEY=$1", "positional parameter"), ("read -s -p 'Password: ' password", "prompt"),
        ("export TOKEN_FILE=/var/run/token", "file path"), ("PASSWORD_LENGTH=32", "number"),
        ("export AUTH_URL=https://login.internal/token", "URL"), ("password=\"\"", "empty"),
    ]),
    "python": ("app.py", [
        "password = \"{P}\"", "API_KEY = '{K}'", "client = Client(api_key=\"{K}\")",
        "headers = {\"Authorization\": \"Bearer {X}\"}", "SECRET_KEY = \"{B}\"", "db_pass = '{H}'",
        "conn = connect(host=\"db\", user=\"app\", password=\"{P}\")", "self.token = \"{X}\"",
        "settings = {\"secret\": \"{B}\"}", "if password == \"{P}\":\n    grant()", "AUTH_TOKEN: str = \"{K}\"",
        "stripe_secret = r\"{K}\"",
    ], [
        ("password = os.environ[\"DB_PASSWORD\"]", "environment lookup"), ("api_key = os.getenv(\"API_KEY\")", "call"),
        ("password = input(\"Password: \")", "prompt"), ("token = request.headers.get(\"X-Token\")", "call"),
        ("SECRET_KEY = settings.SECRET_KEY", "reference"), ("password = \"\"", "empty"), ("api_key = None", "None"),
        ("password_field = \"password_input\"", "form field name"), ("token_type = \"Bearer\"", "word"),
        ("if password == confirm_password:\n    ok()", "comparison of variables"),
        ("password = \"<your password>\"", "placeholder"), ("password = f\"{prefix}{suffix}\"", "format string"),
        ("PASSWORD_RESET_URL = \"https://app.internal/reset\"", "URL"), ("api_key = config[\"api_key\"]", "lookup"),
    ]),
    "javascript": ("server.js", [
        "const apiKey = \"{K}\";", "password: '{P}',", "let token = `{X}`;", "this.secret = \"{B}\";",
        "const config = { clientSecret: \"{K}\" };", "if (token === \"{X}\") { allow(); }",
        "headers: { Authorization: 'Bearer {K}' }", "var DB_PASSWORD = '{H}';", "exports.authToken = \"{X}\";",
        "process.env.API_KEY = \"{K}\";",
    ], [
        ("const apiKey = process.env.API_KEY;", "environment lookup"), ("password: req.body.password,", "reference"),
        ("let token = await getToken();", "call"), ("const secret = '';", "empty"),
        ("const passwordInput = document.getElementById('password');", "call"),
        ("if (token !== undefined) { use(token); }", "comparison with undefined"),
        ("const tokenUrl = 'https://auth.internal/token';", "URL"), ("const apiKey = `${prefix}-${suffix}`;", "template literal with references"),
        ("password: '********',", "mask"),
    ]),
    "typescript": ("client.ts", [
        "private readonly clientSecret: string = \"{K}\";", "const apiToken: string = '{X}';",
        "export const PASSWORD = \"{P}\";", "auth: { username: 'svc', password: '{H}' },", "static secretKey = \"{B}\";",
    ], [
        ("private readonly clientSecret: string = process.env.CLIENT_SECRET!;", "environment lookup"),
        ("const apiToken: string | undefined = undefined;", "undefined"), ("password: string;", "declaration"),
        ("export type ApiKey = string;", "type"), ("const secret = this.vault.get('secret');", "call"),
    ]),
    "go": ("main.go", [
        "apiKey := \"{K}\"", "const password = \"{P}\"", "cfg := Config{\n\tUser:     \"svc\",\n\tPassword: \"{H}\",\n}",
        "var secretKey = \"{B}\"", "if token == \"{X}\" {\n\treturn true\n}", "client := NewClient(WithToken(\"{K}\"))",
        "authToken = `{X}`", "os.Setenv(\"DB_PASSWORD\", \"{P}\")",
    ], [
        ("apiKey := os.Getenv(\"API_KEY\")", "environment lookup"), ("password := r.FormValue(\"password\")", "call"),
        ("var secretKey []byte", "declaration"), ("Password: cfg.Password,", "reference"), ("token := \"\"", "empty"),
        ("if token == \"\" {\n\treturn errMissingToken\n}", "comparison with empty"),
        ("const tokenHeader = \"X-Auth-Token\"", "header name"), ("passwordMinLen := 12", "number"),
    ]),
    "java": ("Service.java", [
        "private static final String PASSWORD = \"{P}\";", "String apiKey = \"{K}\";",
        "if (password.equals(\"{P}\")) { login(); }", "props.setProperty(\"password\", \"{H}\");",
        "private String clientSecret = \"{K}\";", "final String AUTH_TOKEN = \"{X}\";",
        "if (\"{X}\".equals(token)) { ok(); }", "ds.setPassword(\"{P}\");",
    ], [
        ("String password = System.getenv(\"DB_PASSWORD\");", "environment lookup"),
        ("private String apiKey;", "declaration"), ("String token = request.getHeader(\"Authorization\");", "call"),
        ("if (password.equals(confirmation)) { ok(); }", "comparison of variables"),
        ("private static final String PASSWORD_PARAM = \"password\";", "parameter name"),
        ("String secret = \"\";", "empty"), ("props.setProperty(\"password\", pw);", "reference"),
        ("private static final int TOKEN_LENGTH = 32;", "number"),
    ]),
    "kotlin": ("Config.kt", [
        "val password = \"{P}\"", "val apiKey: String = \"{K}\"", "const val SECRET = \"{B}\"",
        "if (token == \"{X}\") accept()", "private val clientSecret = \"{K}\"",
    ], [
        ("val password = System.getenv(\"DB_PASSWORD\")", "environment lookup"), ("val apiKey: String by lazy { load() }", "delegate"),
        ("val token = \"\"", "empty"), ("val secret = BuildConfig.SECRET", "reference"), ("val passwordHint = \"at least 12 characters\"", "prose"),
    ]),
    "csharp": ("Startup.cs", [
        "private const string ApiKey = \"{K}\";", "var password = \"{P}\";", "Password = \"{H}\",",
        "string clientSecret = @\"{K}\";", "if (token == \"{X}\") { return true; }",
        "options.Secret = \"{B}\";", "public static readonly string AuthToken = \"{X}\";",
        "if (string.Equals(pwd, \"{P}\")) { Allow(); }",
    ], [
        ("var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\");", "environment lookup"),
        ("Password = config[\"Db:Password\"],", "lookup"), ("private string _apiKey;", "declaration"),
        ("var token = await GetTokenAsync();", "call"), ("options.Secret = string.Empty;", "empty"),
        ("if (token == null) { return false; }", "comparison with null"),
        ("public const string PasswordPropertyName = \"Password\";", "property name"),
    ]),
    "vb": ("Module1.vb", [
        "Dim password As String = \"{P}\"", "Const ApiKey As String = \"{K}\"", "If token = \"{X}\" Then Allow()",
    ], [
        ("Dim password As String = ConfigurationManager.AppSettings(\"Password\")", "lookup"),
        ("Dim apiKey As String = String.Empty", "empty"), ("If token Is Nothing Then Return", "comparison with Nothing"),
    ]),
    "php": ("config.php", [
        "$db_password = '{P}';", "define('DB_PASSWORD', '{H}');", "'api_key' => '{K}',", "$config['secret'] = \"{B}\";",
        "if ($token === '{X}') { allow(); }", "private $clientSecret = '{K}';", "const AUTH_KEY = '{B}';",
        "$pdo = new PDO($dsn, 'app', '{P}');",
    ], [
        ("$db_password = getenv('DB_PASSWORD');", "environment lookup"), ("define('DB_PASSWORD', '');", "empty"),
        ("'api_key' => env('API_KEY'),", "call"), ("$token = $_POST['token'];", "request value"),
        ("if ($password === $confirm) { ok(); }", "comparison of variables"),
        ("define('AUTH_KEY', 'put your unique phrase here');", "WordPress placeholder"),
        ("$password_min = 12;", "number"), ("'password' => '{{ password }}',", "template"),
    ]),
    "ruby": ("config.rb", [
        "password = '{P}'", "config.api_key = \"{K}\"", ":password => \"{H}\",", "secret_key_base: '{B}'",
        "if token == \"{X}\"\n  allow\nend", "ENV['API_TOKEN'] = '{K}'", "AUTH_TOKEN = \"{X}\".freeze",
    ], [
        ("password = ENV['DB_PASSWORD']", "environment lookup"), ("config.api_key = Rails.application.credentials.api_key", "reference"),
        ("secret_key_base: <%= ENV['SECRET_KEY_BASE'] %>", "template"), ("password = ''", "empty"),
        ("token = params[:token]", "request value"), ("if password == password_confirmation\n  ok\nend", "comparison of variables"),
        ("password_length = 16", "number"),
    ]),
    "c": ("auth.c", [
        "#define API_KEY \"{K}\"", "const char *password = \"{P}\";", "char secret[] = \"{B}\";",
        "if (strcmp(token, \"{X}\") == 0) { grant(); }", "static const char AUTH_TOKEN[] = \"{X}\";",
        "#define DB_PASSWD \"{H}\"", "if (!strcmp(pwd, \"{P}\")) return 1;",
    ], [
        ("#define API_KEY_LEN 32", "number"), ("const char *password = getenv(\"DB_PASSWORD\");", "environment lookup"),
        ("char secret[SECRET_LEN];", "declaration"), ("if (strcmp(token, expected) == 0) { grant(); }", "comparison of variables"),
        ("#define PASSWORD_PROMPT \"Password: \"", "prompt"), ("if (strcmp(pwd, \"\") == 0) return 0;", "comparison with empty"),
        ("#define TOKEN_FILE \"/var/lib/app/token\"", "file path"),
    ]),
    "cpp": ("client.cpp", [
        "const std::string apiKey = \"{K}\";", "std::string password{\"{P}\"};", "constexpr auto kSecret = \"{B}\";",
        "if (token == \"{X}\") { return true; }",
    ], [
        ("const std::string apiKey = std::getenv(\"API_KEY\");", "environment lookup"), ("std::string password;", "declaration"),
        ("if (token == expected_token) { return true; }", "comparison of variables"), ("constexpr int kTokenLength = 32;", "number"),
    ]),
    "xml": ("app.config", [
        "<add key=\"ApiKey\" value=\"{K}\" />", "<password>{P}</password>", "<property name=\"password\" value=\"{H}\"/>",
        "<connection user=\"svc\" password=\"{P}\" />", "<secret>{B}</secret>", "<server>\n  <id>releases</id>\n  <password>{P}</password>\n</server>",
        "<entry key=\"auth.token\">{X}</entry>", "<ClientSecret>{K}</ClientSecret>", "<setting name=\"Token\" serializeAs=\"String\">\n  <value>{X}</value>\n</setting>",
    ], [
        ("<add key=\"ApiKey\" value=\"\" />", "empty"), ("<password>${env.DB_PASSWORD}</password>", "reference"),
        ("<property name=\"password\" value=\"{{db.password}}\"/>", "template"), ("<tokenUrl>https://auth.internal/token</tokenUrl>", "URL"),
        ("<passwordPolicy minLength=\"12\" />", "number"), ("<secret>changeme</secret>", "placeholder"),
        ("<add key=\"PasswordResetPath\" value=\"/account/reset\" />", "path"), ("<password/>", "empty element"),
        ("<auth-method>BASIC</auth-method>", "word"),
    ]),
}


def fill(template):
    """The template with its `{P}`-style marker replaced by a fresh value; other braces are literal."""
    out, secret, i = [], None, 0
    while i < len(template):
        if template[i] == "{" and i + 2 < len(template) and template[i + 2] == "}" and template[i + 1] in GENERATORS:
            secret = GENERATORS[template[i + 1]]()
            out.append(secret); i += 3; continue
        out.append(template[i]); i += 1
    return "".join(out), secret


def main():
    count = 0
    for syntax, (file, true_cases, look_alikes) in SYNTAXES.items():
        for n, template in enumerate(true_cases, 1):
            text, secret = fill(template)
            assert secret, template
            print(json.dumps({"id": f"{syntax}-t{n:02}", "syntax": syntax, "file": file, "text": text + "\n",
                              "expect": "secret", "secret": secret}))
            count += 1
        for n, (template, why) in enumerate(look_alikes, 1):
            text, secret = fill(template)
            assert secret is None, template
            print(json.dumps({"id": f"{syntax}-n{n:02}", "syntax": syntax, "file": file, "text": text + "\n",
                              "expect": "none", "why": why}))
            count += 1
    print(f"{count} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
