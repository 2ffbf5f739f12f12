import HTTPTypes
import Crypto
import SecureScanCore
import SecureScanReports

/// `/docs` and `/redoc`: the API reference as self-contained HTML, rendered from the endpoint list (so it
/// is the OpenAPI document, readable): no network, no external scripts. `/docs` adds a "try it" form per
/// operation (a small inline script, allowed by hash in the page's CSP); `/redoc` is the plain
/// reference with the schemas.
enum DocsPage {
    static func render(_ endpoints: [Endpoint], version: String, interactive: Bool) -> (html: String, csp: String) {
        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>SecureScan API \(escape(version))\(interactive ? "" : " — reference")</title><style>\(style)</style></head><body>
            <header><h1>SecureScan API <small>\(escape(version))</small></h1>
            <p>Every operation is under <code>/api/v1</code>; the legacy <code>/api</code> paths answer the same with <code>Deprecation</code>, <code>Sunset</code> and <code>Link</code> headers.
            Authenticate with <code>X-API-Key: ssk_…</code> or <code>Authorization: Bearer ssk_…</code> (scopes: read ⊂ write ⊂ admin).
            Lists return JSON arrays; <code>X-Next-Cursor</code> gives the next page's <code>cursor</code>.
            Machine-readable: <a href="/openapi.json">/openapi.json</a> · \(interactive ? "<a href=\"/redoc\">reference with schemas</a>" : "<a href=\"/docs\">interactive page</a>")</p>
            """
        if interactive {
            html += #"<p class="key"><label>API key <input id="apikey" type="password" autocomplete="off" placeholder="ssk_…"></label> (kept in this tab only)</p>"#
        }
        html += "</header><nav>"
        let tags = Array(Set(endpoints.map(\.tag))).sorted { order($0) < order($1) }
        for tag in tags { html += "<a href=\"#tag-\(escape(tag))\">\(escape(tag))</a>" }
        if !interactive { html += "<a href=\"#schemas\">schemas</a>" }
        html += "</nav><main>"
        for tag in tags {
            html += "<section id=\"tag-\(escape(tag))\"><h2>\(escape(tag))</h2>"
            for endpoint in endpoints where endpoint.tag == tag {
                html += operation(endpoint, interactive: interactive)
            }
            html += "</section>"
        }
        if !interactive {
            html += "<section id=\"schemas\"><h2>schemas</h2>"
            for (name, schema) in Schemas.all.sorted(by: { $0.key < $1.key }) {
                html += "<article id=\"schema-\(escape(name))\"><h3>\(escape(name))</h3><pre>\(escape(pretty(schema.json)))</pre></article>"
            }
            html += "</section>"
        }
        html += "</main>"
        var csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        if interactive {
            let digest = Array(SHA256.hash(data: Array(script.utf8)))
            html += "<script>\(script)</script>"
            csp += "; script-src 'sha256-\(standardBase64(digest))'; connect-src 'self'"
        }
        html += "</body></html>\n"
        return (html, csp)
    }

    static func order(_ tag: String) -> Int {
        ["service", "scans", "triage", "notifications", "dashboard", "compliance", "runs", "keys", "webhooks"].firstIndex(of: tag) ?? 99
    }

    static func operation(_ endpoint: Endpoint, interactive: Bool) -> String {
        let fullPath = (endpoint.atRoot ? "" : OpenAPIDocument.currentPrefix) + endpoint.path
        let method = endpoint.method.rawValue
        var html = "<article class=\"op\" id=\"\(escape(endpoint.operationID))\"><h3><span class=\"m m-\(method.lowercased())\">\(method)</span> <code>\(escape(fullPath))</code></h3>"
        html += "<p>\(escape(endpoint.summary))" + (endpoint.access == .open ? "" : " <span class=\"scope\">scope: \(escape(endpoint.scopeName))</span>") + "</p>"
        if !endpoint.description.isEmpty { html += "<p class=\"desc\">\(escape(endpoint.description))</p>" }
        if !endpoint.parameters.isEmpty {
            html += "<table><tr><th>parameter</th><th>in</th><th>schema</th><th></th></tr>"
            for parameter in endpoint.parameters {
                html += "<tr><td><code>\(escape(parameter.name))</code>\(parameter.required ? " *" : "")</td><td>\(parameter.location.rawValue)</td>"
                html += "<td><code>\(escape(parameter.schema.json.compactJSON))</code></td><td>\(escape(parameter.description))</td></tr>"
            }
            html += "</table>"
        }
        if let body = endpoint.requestBody { html += "<p>Body: <code>\(escape(body.json.compactJSON))</code></p>" }
        html += "<ul class=\"answers\">"
        for answer in endpoint.allAnswers {
            let schema = answer.content?.values.first.map { " <code>\(escape($0.json.compactJSON))</code>" } ?? ""
            html += "<li><b>\(answer.status)</b> \(escape(answer.description))\(schema)</li>"
        }
        html += "</ul>"
        if interactive, endpoint.handlerIsSafeToTry {
            html += "<form class=\"try\" data-method=\"\(method)\" data-path=\"\(escape(fullPath))\">"
            for parameter in endpoint.parameters where parameter.location != .header {
                html += "<label>\(escape(parameter.name)) <input name=\"\(escape(parameter.name))\" data-in=\"\(parameter.location.rawValue)\"></label>"
            }
            if endpoint.requestBody != nil { html += "<label class=\"wide\">body <textarea name=\"__body\" rows=\"3\">{}</textarea></label>" }
            html += "<button type=\"submit\">Send</button><pre class=\"out\" hidden></pre></form>"
        }
        return html + "</article>"
    }

    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        switch value {
        case .object(let members) where !members.isEmpty:
            let inner = indent + "  "
            return "{\n" + members.keys.sorted().map { "\(inner)\(JSONValue.string($0).compactJSON): \(pretty(members[$0]!, indent: inner))" }
                .joined(separator: ",\n") + "\n\(indent)}"
        case .array(let items) where !items.isEmpty && items.contains(where: { if case .object = $0 { true } else { false } }):
            let inner = indent + "  "
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        default:
            return value.compactJSON
        }
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static func standardBase64(_ bytes: [UInt8]) -> String {
        var text = Base64URL.encode(bytes).replacingCharacters("-", "+").replacingCharacters("_", "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }

    static let style = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2433;background:#f7f8fa}header,main{max-width:1100px;margin:0 auto;padding:0 1rem}
        header{padding-top:1rem}h1 small{font-weight:400;color:#667}nav{position:sticky;top:0;background:#1d2433;padding:.4rem 1rem;display:flex;gap:1rem;flex-wrap:wrap}
        nav a{color:#fff;text-decoration:none;text-transform:capitalize}h2{text-transform:capitalize;border-bottom:2px solid #d5d9e0;margin-top:2rem}
        .op{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:.2rem 1rem .6rem;margin:.8rem 0}.op h3{font-size:1rem;margin:.6rem 0 .2rem}
        .m{display:inline-block;min-width:4.2rem;text-align:center;border-radius:3px;color:#fff;font-size:.8rem;padding:.1rem .3rem}
        .m-get{background:#2b6cb0}.m-post{background:#2f855a}.m-patch{background:#b7791f}.m-delete{background:#c53030}.m-put{background:#6b46c1}
        .scope{font-size:.8rem;background:#edf2f7;border-radius:3px;padding:0 .3rem}.desc{color:#445}code{font-size:.85em;word-break:break-all}
        table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-top:1px solid #e2e6ec;padding:.2rem .4rem;text-align:left;vertical-align:top}
        .answers{font-size:.9rem;padding-left:1.2rem}pre{background:#f1f3f6;padding:.5rem;overflow:auto;font-size:.8rem;max-height:28rem}
        .try{display:flex;flex-wrap:wrap;gap:.4rem;align-items:end;border-top:1px dashed #d5d9e0;padding-top:.5rem}.try label{display:flex;flex-direction:column;font-size:.8rem}
        .try .wide{flex-basis:100%}.try .out{flex-basis:100%;margin:0}.key input{width:22rem}
        @media (max-width:600px){.key input{width:100%}}
        """

    static let script = """
        (function(){var key=document.getElementById('apikey');try{key.value=sessionStorage.getItem('securescan-key')||''}catch(e){}
        key.addEventListener('change',function(){try{sessionStorage.setItem('securescan-key',key.value)}catch(e){}});
        document.querySelectorAll('form.try').forEach(function(form){form.addEventListener('submit',function(event){event.preventDefault();
        var path=form.dataset.path,query=[],body;form.querySelectorAll('input,textarea').forEach(function(input){if(!input.value)return;
        if(input.name==='__body'){body=input.value}else if(input.dataset.in==='path'){path=path.replace('{'+input.name+'}',encodeURIComponent(input.value))}
        else{query.push(encodeURIComponent(input.name)+'='+encodeURIComponent(input.value))}});var out=form.querySelector('.out');out.hidden=false;out.textContent='…';
        var headers={};if(key.value)headers['X-API-Key']=key.value;if(body!==undefined)headers['Content-Type']='application/json';
        fetch(path+(query.length?'?'+query.join('&'):''),{method:form.dataset.method,headers:headers,body:body}).then(function(response){
        return response.text().then(function(text){var shown=text;try{shown=JSON.stringify(JSON.parse(text),null,2)}catch(e){}
        out.textContent=response.status+' '+response.statusText+'\\n\\n'+shown.slice(0,20000)})}).catch(function(error){out.textContent=String(error)})})})})();
        """
}

extension Endpoint {
    /// Whether the docs page offers a form: not for the event stream (it never ends).
    var handlerIsSafeToTry: Bool { operationID != "streamScanEvents" }
}

extension String {
    fileprivate func replacingCharacters(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
