//! The rule table, by provider group. Each rule says where its format comes from: the
//! provider's own documentation of its token format where there is one, or gitleaks' rule
//! of the same name (MIT, `config/gitleaks.toml`), which is an index of providers' formats.
//!
//! Patterns are ASCII and never use `\b`: a `token` rule's whole match, and a `named` or
//! `context` rule's secret, must be bounded by what can really surround a token (see
//! [`super::bounded`]). Samples are templates the tests expand with random characters (see
//! [`super::expand`]): `sample` is a true positive in the documented format, `near` a near
//! miss that must not match (a wrong prefix, a wrong length, a wrong checksum).

use super::{Check, Group, Rule, Shape};
use crate::finding::{SecretId as S, Severity};

const C: Severity = Severity::Critical;
const H: Severity = Severity::High;
const M: Severity = Severity::Medium;

/// A token that stands alone: its pattern is the token, its keywords the literal prefixes.
#[allow(clippy::too_many_arguments)] // a table row: positional keeps the rows short
const fn token(
    id: S,
    what: &'static str,
    provider: &'static str,
    severity: Severity,
    keywords: &'static [&'static str],
    pattern: &'static str,
    sample: &'static str,
    near: &'static str,
) -> Rule {
    Rule {
        id,
        what,
        provider,
        group: Group::Generic,
        severity,
        keywords,
        shape: Shape::Token,
        pattern,
        min_entropy: 3.0,
        check: Check::None,
        test_mode: false,
        sample,
        near,
    }
}

/// A token with no prefix of its own, found where it is assigned to a name that says whose it
/// is (`DATADOG_API_KEY = "…"`). `names` are `|`-separated words, matched in any case; the
/// keywords are those words in lower, Capitalised and UPPER case.
#[allow(clippy::too_many_arguments)] // a table row: positional keeps the rows short
const fn named(
    id: S,
    what: &'static str,
    provider: &'static str,
    severity: Severity,
    names: &'static str,
    pattern: &'static str,
    sample: &'static str,
    near: &'static str,
) -> Rule {
    Rule {
        shape: Shape::Named(names),
        keywords: &[],
        ..token(id, what, provider, severity, &[], pattern, sample, near)
    }
}

/// A pattern that says what surrounds the secret (its group 1), which is bounded like a token.
#[allow(clippy::too_many_arguments)] // a table row: positional keeps the rows short
const fn context(
    id: S,
    what: &'static str,
    provider: &'static str,
    severity: Severity,
    keywords: &'static [&'static str],
    pattern: &'static str,
    sample: &'static str,
    near: &'static str,
) -> Rule {
    Rule {
        shape: Shape::Context,
        ..token(
            id, what, provider, severity, keywords, pattern, sample, near,
        )
    }
}

/// A pattern with its own armour (a URL, a key block, a config file's syntax): no boundary
/// check, no entropy check unless one is set.
#[allow(clippy::too_many_arguments)] // a table row: positional keeps the rows short
const fn armoured(
    id: S,
    what: &'static str,
    provider: &'static str,
    severity: Severity,
    keywords: &'static [&'static str],
    pattern: &'static str,
    sample: &'static str,
    near: &'static str,
) -> Rule {
    Rule {
        shape: Shape::Armoured,
        min_entropy: 0.0,
        ..token(
            id, what, provider, severity, keywords, pattern, sample, near,
        )
    }
}

impl Rule {
    const fn entropy(self, min_entropy: f32) -> Rule {
        Rule {
            min_entropy,
            ..self
        }
    }
    const fn check(self, check: Check) -> Rule {
        Rule { check, ..self }
    }
    /// A documented test-mode or sandbox kind of key: reported, but as a test key.
    const fn test_mode(self) -> Rule {
        Rule {
            test_mode: true,
            ..self
        }
    }
}

const UUID: &str = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const CLOUD: &[Rule] = &[
    // AWS: IAM user guide, "Unique identifier prefixes" (AKIA long-term, ASIA temporary, ...);
    // gitleaks aws-access-token.
    token(S::AwsAccessKeyId, "an AWS access key ID", "AWS", C,
        &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
        "AKIA{b32:16}", "AKIA{b32:15}"),
    named(S::AwsSecretAccessKey, "an AWS secret access key", "AWS", C, "aws",
        r"[A-Za-z0-9/+]{40}",
        "aws_secret_access_key = \"{b64:40}\"", "aws_region = \"{b64:40}\"").entropy(4.0),
    named(S::AwsSessionToken, "an AWS session token", "AWS", H, "aws_session_token|sessiontoken",
        r"[A-Za-z0-9/+=]{100,1200}",
        "AWS_SESSION_TOKEN={b64:300}", "AWS_SESSION_TOKEN={b64:60}").entropy(4.5),
    // Amazon Bedrock API keys: AWS Bedrock user guide, "API keys"; gitleaks
    // aws-amazon-bedrock-api-key-long-lived.
    token(S::AwsBedrockApiKey, "an Amazon Bedrock API key", "AWS", C, &["ABSK"],
        r"ABSK[A-Za-z0-9+/]{109,269}={0,2}", "ABSK{b64:120}", "ABSK{b64:60}").entropy(4.0),
    // Google: API keys "AIza" + 35 (Cloud docs, "API keys"); Firebase web keys are the same
    // kind and are public by design (see `assess`). gitleaks gcp-api-key.
    token(S::GcpApiKey, "a Google API key", "Google Cloud", H, &["AIza"],
        r"AIza[0-9A-Za-z_-]{35}", "AIza{u:34}-", "AIza{u:20}"),
    // A service-account key file as a whole: one finding, not one for its key id and one for
    // its key (IAM docs, "Create and delete service account keys"). From its `"type"`, the
    // first key of every file Google writes, to the object's end: a pattern that began at
    // the `{` would be tried at every brace of a bundle.
    armoured(S::GcpServiceAccount, "a Google Cloud service-account key file", "Google Cloud", C,
        &["service_account"],
        r#""type"\s*:\s*"service_account"[^{}]{0,8000}?\}"#,
        "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"{h:40}\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{b64:64}\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"ci@p.iam.gserviceaccount.com\"}",
        "{\"type\": \"service_account\", \"private_key\": \"\", \"client_email\": \"ci@p.iam.gserviceaccount.com\"}")
        .check(Check::GcpServiceAccount),
    context(S::GcpServiceAccountKey, "a Google Cloud service-account key", "Google Cloud", C, &["private_key_id"],
        r#""private_key_id"\s*:\s*"([a-f0-9]{40})""#,
        "{\"type\":\"service_account\",\"private_key_id\": \"{h:40}\"}", "\"private_key_id\": \"{h:39}\""),
    token(S::GcpOauthClientSecret, "a Google OAuth client secret", "Google Cloud", C, &["GOCSPX-"],
        r"GOCSPX-[A-Za-z0-9_-]{28}", "GOCSPX-{u:28}", "GOCSPX-{u:20}"),
    // Google OAuth 2.0 tokens (Identity docs: access tokens "ya29.", refresh tokens "1//").
    token(S::GoogleOauthRefreshToken, "a Google OAuth refresh token", "Google Cloud", C, &["1//0"],
        r"1//0[0-9A-Za-z_-]{40,300}", "1//0{u:60}", "1//0{u:20}").entropy(4.0),
    token(S::GoogleOauthAccessToken, "a Google OAuth access token (short-lived)", "Google Cloud", M, &["ya29."],
        r"ya29\.[0-9A-Za-z_-]{60,500}", "ya29.{u:120}", "ya29.{u:30}").entropy(4.0),
    // Azure: storage account keys (88 base64 characters, "Manage account access keys").
    context(S::AzureStorageKey, "an Azure storage account key", "Azure", C, &["AccountKey"],
        r"AccountKey=([A-Za-z0-9+/]{86}==)",
        "DefaultEndpointsProtocol=https;AccountName=x;AccountKey={b64:86}==", "AccountKey=<your key>").entropy(4.0),
    // Shared access signatures and Service Bus / Event Hubs keys (Azure docs, "SAS").
    context(S::AzureSharedAccessKey, "an Azure shared access key", "Azure", C, &["sb://"],
        r"SharedAccessKey=([A-Za-z0-9+/]{42,43}=)",
        "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey={b64:43}=",
        "SharedAccessKey={b64:20}="),
    context(S::AzureSasToken, "an Azure shared access signature", "Azure", H, &["sig="],
        r"[?&]sv=\d{4}-\d\d-\d\d&[^\s'\x22<>]{0,300}?sig=([A-Za-z0-9%+/]{40,100}(?:%3D|=){0,2})",
        "https://x.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig={an:43}%3D",
        "https://x.blob.core.windows.net/c?sig={an:43}%3D").entropy(3.5),
    // Entra ID (Azure AD) client secrets: 3 characters, a digit, "Q~", then 31-34 (gitleaks
    // azure-ad-client-secret).
    context(S::AzureAdClientSecret, "an Azure AD client secret", "Azure", C, &["Q~"],
        r"([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})",
        "clientSecret: \"abc8Q~{an:34}\"", "clientSecret: \"Q~\""),
    // Azure DevOps personal access tokens, the VS Code Marketplace's publishing token
    // (`VSCE_PAT`, `AZURE_DEVOPS_EXT_PAT`): since 2024, 84 characters with `JQQJ` at 52 and
    // `AZDO` at 76 (Azure DevOps release notes, sprint 241); before, 52 lowercase base32
    // characters. Told by the `_PAT` name they are kept under: a keyword of their own would
    // cost every scan a third keyword pass (see `Keywords`).
    context(S::AzureDevopsPat, "an Azure DevOps personal access token (it can publish VS Code extensions)", "Azure DevOps", C, &["_PAT"],
        r#"_PAT["']?\s*[=:]\s*["']?([A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{20}AZDO[A-Za-z0-9]{4}|[a-z2-7]{52})"#,
        "VSCE_PAT={an:52}JQQJ99BAACAAAAAAAAAAAAASAZDO{an:4}", "VSCE_PAT={an:52}AZDO").entropy(3.5),
    // Open VSX access tokens (`ovsx publish -p`, `OVSX_PAT`): UUIDs, told by that name.
    context(S::OpenVsxToken, "an Open VSX access token (it can publish extensions)", "Open VSX", C, &["OVSX_PAT"],
        r#"OVSX_PAT["']?\s*[=:]\s*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"#,
        "OVSX_PAT={uuid}", "OVSX_PAT={h:32}"),
    // Alibaba Cloud: AccessKey IDs begin "LTAI" (RAM docs); gitleaks alibaba-*.
    token(S::AlibabaAccessKeyId, "an Alibaba Cloud AccessKey ID", "Alibaba Cloud", H, &["LTAI"],
        r"LTAI[A-Za-z0-9]{12,20}", "LTAI{an:20}", "LTAI{an:8}"),
    named(S::AlibabaSecretKey, "an Alibaba Cloud AccessKey secret", "Alibaba Cloud", C, "alibaba|aliyun",
        r"[A-Za-z0-9]{30}", "ALIBABA_CLOUD_ACCESS_KEY_SECRET={an:30}", "ALIBABA_REGION={an:12}"),
    // IBM Cloud API keys: 44 characters (IBM Cloud docs, "API keys"; trufflehog ibmclouduserkey).
    named(S::IbmCloudApiKey, "an IBM Cloud API key", "IBM Cloud", C, "ibm_cloud|ibmcloud|ibm_api",
        r"[A-Za-z0-9_-]{44}", "IBMCLOUD_API_KEY={u:44}", "IBMCLOUD_API_KEY={u:30}").entropy(3.5),
    // Oracle Cloud customer secret keys (S3 compatibility): 44 base64 characters.
    named(S::OracleCloudSecretKey, "an Oracle Cloud customer secret key", "Oracle Cloud", H, "oci_secret|oracle_secret",
        r"[A-Za-z0-9+/]{43}=", "OCI_SECRET_KEY={b64:43}=", "OCI_SECRET_KEY={b64:20}=").entropy(3.5),
    // DigitalOcean: "dop_v1_", "doo_v1_", "dor_v1_" + 64 hex (DigitalOcean API docs, "token
    // prefixes").
    token(S::DigitaloceanToken, "a DigitalOcean access token", "DigitalOcean", C, &["dop_v1_", "doo_v1_"],
        r"do[op]_v1_[a-f0-9]{64}", "dop_v1_{h:64}", "dop_v1_{h:63}"),
    token(S::DigitaloceanRefreshToken, "a DigitalOcean refresh token", "DigitalOcean", C, &["dor_v1_"],
        r"dor_v1_[a-f0-9]{64}", "dor_v1_{h:64}", "dor_v2_{h:64}"),
    // Linode / Akamai personal access tokens: 64 hex (Linode API docs).
    named(S::LinodeToken, "a Linode personal access token", "Linode", C, "linode",
        r"[a-f0-9]{64}", "LINODE_TOKEN={h:64}", "LINODE_TOKEN={h:40}"),
    // Scaleway secret keys are UUIDs (Scaleway docs, "API keys").
    named(S::ScalewaySecretKey, "a Scaleway secret key", "Scaleway", C, "scw_secret|scaleway",
        UUID, "SCW_SECRET_KEY={uuid}", "SCW_SECRET_KEY={h:32}"),
    // Hetzner Cloud API tokens: 64 alphanumerics (Hetzner docs; hcloud CLI).
    named(S::HetznerToken, "a Hetzner Cloud API token", "Hetzner", C, "hcloud|hetzner",
        r"[A-Za-z0-9]{64}", "HCLOUD_TOKEN={an:64}", "HCLOUD_TOKEN={an:32}").entropy(4.0),
    // Cloudflare: API tokens 40, global API keys 37 hex, origin CA keys "v1.0-" (gitleaks
    // cloudflare-*).
    named(S::CloudflareApiToken, "a Cloudflare API token", "Cloudflare", C, "cloudflare|cf_api",
        r"[A-Za-z0-9_-]{40}", "CLOUDFLARE_API_TOKEN={u:40}", "CLOUDFLARE_API_TOKEN={u:39}").entropy(3.5),
    named(S::CloudflareGlobalApiKey, "a Cloudflare global API key", "Cloudflare", C, "cloudflare|cf_api",
        r"[a-f0-9]{37}", "CF_API_KEY={h:37}", "CF_API_KEY={h:36}"),
    token(S::CloudflareOriginCaKey, "a Cloudflare origin CA key", "Cloudflare", H, &["v1.0-"],
        r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}", "v1.0-{h:24}-{h:146}", "v1.0-{h:24}-{h:100}"),
    // Fastly API tokens: 32 (Fastly docs; gitleaks fastly-api-token).
    named(S::FastlyApiToken, "a Fastly API token", "Fastly", C, "fastly",
        r"[A-Za-z0-9_-]{32}", "FASTLY_API_TOKEN={u:32}", "FASTLY_API_TOKEN={u:31}").entropy(3.5),
    // Netlify: personal access tokens "nfp_" (Netlify docs); older ones 40-46 (gitleaks).
    token(S::NetlifyPat, "a Netlify personal access token", "Netlify", C, &["nfp_"],
        r"nfp_[A-Za-z0-9]{36}", "nfp_{an:36}", "nfp_{an:35}"),
    named(S::NetlifyAccessToken, "a Netlify access token", "Netlify", C, "netlify",
        r"[A-Za-z0-9_-]{40,46}", "NETLIFY_AUTH_TOKEN={u:43}", "NETLIFY_AUTH_TOKEN={u:30}").entropy(3.5),
    // Vercel access tokens: 24 alphanumerics (trufflehog vercel).
    named(S::VercelToken, "a Vercel access token", "Vercel", C, "vercel",
        r"[A-Za-z0-9]{24}", "VERCEL_TOKEN={an:24}", "VERCEL_TOKEN={an:23}").entropy(3.5),
    // Vercel's tokens of 2026: `vcp_` personal, `vci_` integration, `vca_`/`vcr_` app access
    // and refresh, `vck_` API keys; 50 + 6, the base62 CRC32 of the 50 (Vercel changelog
    // "new token formats and secret scanning"; checked on a key published by mistake).
    token(S::VercelTokenV2, "a Vercel token", "Vercel", C, &["vcp_", "vci_", "vca_", "vcr_", "vck_"],
        r"vc[piark]_[A-Za-z0-9_-]{50}[A-Za-z0-9]{6}", "VERCEL_TOKEN=vcp_{an:50}{crc}", "VERCEL_TOKEN=vcp_{an:50}{badcrc}")
        .check(Check::Crc32Base62),
    // Fly.io: "fo1_" org tokens, "fm1a_"/"fm1r_"/"fm2_" macaroons (gitleaks flyio-access-token).
    token(S::FlyioToken, "a Fly.io access token", "Fly.io", C, &["fo1_", "fm1a_", "fm1r_", "fm2_"],
        r"fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3}",
        "FlyV1 fm2_{b64:140}", "fo1_{u:20}").entropy(4.0),
    // Heroku: v1 keys are UUIDs assigned to a Heroku name; v2 "HRKU-AA" + 58 (Heroku Dev Center,
    // "API tokens").
    named(S::HerokuApiKey, "a Heroku API key", "Heroku", C, "heroku",
        UUID, "HEROKU_API_KEY={uuid}", "HEROKU_APP={uuid}x"),
    token(S::HerokuApiKeyV2, "a Heroku API key", "Heroku", C, &["HRKU-AA"],
        r"HRKU-AA[0-9A-Za-z_-]{58}", "HRKU-AA{u:58}", "HRKU-AA{u:40}"),
    // Render API keys begin "rnd_" (Render docs, "API keys").
    token(S::RenderApiKey, "a Render API key", "Render", C, &["rnd_"],
        r"rnd_[A-Za-z0-9]{32}", "rnd_{an:32}", "rnd_{an:20}"),
    // Railway tokens are UUIDs (Railway docs, "Public API").
    named(S::RailwayToken, "a Railway API token", "Railway", C, "railway",
        UUID, "RAILWAY_TOKEN={uuid}", "RAILWAY_TOKEN={h:32}"),
];

const CODE: &[Rule] = &[
    // GitHub: prefix + 30 base62 + a 6-character base62 CRC32 of those 30 (GitHub blog,
    // "Behind GitHub's new authentication token formats", 2021).
    token(
        S::GithubPat,
        "a GitHub personal access token",
        "GitHub",
        C,
        &["ghp_"],
        r"ghp_[0-9A-Za-z]{36}",
        "ghp_{an:30}{crc}",
        "ghp_{an:30}{badcrc}",
    )
    .check(Check::Crc32Base62),
    token(
        S::GithubFineGrainedPat,
        "a GitHub fine-grained access token",
        "GitHub",
        C,
        &["github_pat_"],
        r"github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}",
        "github_pat_{an:22}_{an:59}",
        "github_pat_{an:22}_{an:50}",
    ),
    token(
        S::GithubOauthToken,
        "a GitHub OAuth token",
        "GitHub",
        C,
        &["gho_"],
        r"gho_[0-9A-Za-z]{36}",
        "gho_{an:30}{crc}",
        "gho_{an:30}{badcrc}",
    )
    .check(Check::Crc32Base62),
    token(
        S::GithubAppToken,
        "a GitHub app token",
        "GitHub",
        C,
        &["ghu_", "ghs_"],
        r"gh[us]_[0-9A-Za-z]{36}",
        "ghs_{an:30}{crc}",
        "ghx_{an:30}{crc}",
    )
    .check(Check::Crc32Base62),
    // From April 2026, installation tokens are `ghs_` + the app's id + `_` + a JWT, about 520
    // characters (GitHub changelog 2026-04-24, "new format for GitHub App installation
    // tokens"). Short-lived, but full access to the repositories while they last.
    token(
        S::GithubAppInstallationToken,
        "a GitHub app installation token",
        "GitHub",
        C,
        &["ghs_"],
        r"ghs_[0-9]{1,12}_eyJ[A-Za-z0-9_-]{10,800}\.eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{20,800}",
        "ghs_{d:7}_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{u:200}.{u:342}",
        "ghs_{d:7}_notajwt.{an:40}",
    )
    .check(Check::GithubStatelessJwt),
    token(
        S::GithubRefreshToken,
        "a GitHub refresh token",
        "GitHub",
        C,
        &["ghr_"],
        r"ghr_[0-9A-Za-z]{36}(?:[0-9A-Za-z]{40})?",
        "ghr_{an:76}",
        "ghr_{an:50}",
    ),
    // GitLab: "Token prefixes" in GitLab's docs; the routable forms carry a ".01." version and
    // a CRC (gitleaks gitlab-*).
    token(
        S::GitlabPat,
        "a GitLab personal access token",
        "GitLab",
        C,
        &["glpat-"],
        r"glpat-[0-9A-Za-z_-]{20}",
        "glpat-{u:20}",
        "glpat-xxxxxxxxxxxxxxxxxxxx",
    ),
    token(
        S::GitlabPatRoutable,
        "a GitLab personal access token",
        "GitLab",
        C,
        &["glpat-"],
        r"glpat-[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}",
        "glpat-{u:36}.01{la:7}",
        "glpat-{u:36}.01",
    ),
    token(
        S::GitlabRunnerToken,
        "a GitLab runner token",
        "GitLab",
        C,
        &["glrt-"],
        r"glrt-(?:t\d_)?[0-9A-Za-z_-]{20}(?:[0-9A-Za-z_-]{7,280}\.[0-9a-z]{2}[0-9a-z]{7})?",
        "glrt-{u:20}",
        "glrt-{u:12}",
    ),
    token(
        S::GitlabRunnerRegistrationToken,
        "a GitLab runner registration token",
        "GitLab",
        H,
        &["GR1348941"],
        r"GR1348941[0-9A-Za-z_-]{20}",
        "GR1348941{u:20}",
        "GR1348941{u:10}",
    ),
    token(
        S::GitlabDeployToken,
        "a GitLab deploy token",
        "GitLab",
        C,
        &["gldt-"],
        r"gldt-[0-9A-Za-z_-]{20}",
        "gldt-{u:20}",
        "gldt-{u:19}",
    ),
    token(
        S::GitlabFeedToken,
        "a GitLab feed token",
        "GitLab",
        M,
        &["glft-"],
        r"glft-[0-9A-Za-z_-]{20}",
        "glft-{u:20}",
        "glft-{u:19}",
    ),
    token(
        S::GitlabIncomingMailToken,
        "a GitLab incoming mail token",
        "GitLab",
        M,
        &["glimt-"],
        r"glimt-[0-9A-Za-z_-]{25}",
        "glimt-{u:25}",
        "glimt-{u:20}",
    ),
    token(
        S::GitlabAgentToken,
        "a GitLab Kubernetes agent token",
        "GitLab",
        C,
        &["glagent-"],
        r"glagent-[0-9A-Za-z_-]{50}",
        "glagent-{u:50}",
        "glagent-{u:40}",
    ),
    token(
        S::GitlabOauthAppSecret,
        "a GitLab OAuth application secret",
        "GitLab",
        C,
        &["gloas-"],
        r"gloas-[0-9A-Za-z_-]{64}",
        "gloas-{u:64}",
        "gloas-{u:60}",
    ),
    token(
        S::GitlabPipelineTriggerToken,
        "a GitLab pipeline trigger token",
        "GitLab",
        H,
        &["glptt-"],
        r"glptt-[0-9a-f]{40}",
        "glptt-{h:40}",
        "glptt-{h:39}",
    ),
    token(
        S::GitlabScimToken,
        "a GitLab SCIM token",
        "GitLab",
        C,
        &["glsoat-"],
        r"glsoat-[0-9A-Za-z_-]{20}",
        "glsoat-{u:20}",
        "glsoat-{u:19}",
    ),
    token(
        S::GitlabJobToken,
        "a GitLab CI/CD job token",
        "GitLab",
        M,
        &["glcbt-"],
        r"glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}",
        "glcbt-{an:2}_{u:20}",
        "glcbt-{u:20}",
    ),
    token(
        S::GitlabFeatureFlagToken,
        "a GitLab feature-flag client token",
        "GitLab",
        M,
        &["glffct-"],
        r"glffct-[0-9A-Za-z_-]{20}",
        "glffct-{u:20}",
        "glffct-{u:19}",
    ),
    // Bitbucket app passwords begin "ATBB" (trufflehog bitbucketapppassword); OAuth consumers
    // are assigned to a Bitbucket name (gitleaks bitbucket-client-secret).
    token(
        S::BitbucketAppPassword,
        "a Bitbucket app password",
        "Bitbucket",
        C,
        &["ATBB"],
        r"ATBB[A-Za-z0-9_=.-]{32}",
        "ATBB{an:32}",
        "ATBB{an:20}",
    ),
    named(
        S::BitbucketClientSecret,
        "a Bitbucket OAuth client secret",
        "Bitbucket",
        C,
        "bitbucket",
        r"[A-Za-z0-9_=-]{64}",
        "BITBUCKET_CLIENT_SECRET={u:64}",
        "BITBUCKET_CLIENT_SECRET={u:32}",
    ),
    // npm: "npm_" + 30 base62 + CRC32 (GitHub blog, "Announcing npm's new access token
    // format", 2021).
    token(
        S::NpmAccessToken,
        "an npm access token",
        "npm",
        C,
        &["npm_"],
        r"npm_[A-Za-z0-9]{36}",
        "//registry.npmjs.org/:x=npm_{an:30}{crc}",
        "npm_{an:30}{badcrc}",
    )
    .check(Check::Crc32Base62),
    // PyPI API tokens are macaroons whose base64 begins with the "pypi.org" location
    // (PyPI docs, "API tokens").
    token(
        S::PypiUploadToken,
        "a PyPI upload token",
        "PyPI",
        C,
        &["pypi-AgEIcHlwaS5vcmc"],
        r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}",
        "pypi-AgEIcHlwaS5vcmc{u:60}",
        "pypi-AgEIcHlwaS5vcmc",
    ),
    token(
        S::PypiTestUploadToken,
        "a TestPyPI upload token",
        "PyPI",
        M,
        &["pypi-AgENdGVzdC5weXBp"],
        r"pypi-AgENdGVzdC5weXBp[A-Za-z0-9_-]{50,1000}",
        "pypi-AgENdGVzdC5weXBp{u:60}",
        "pypi-AgENdGVzdC5weXBp{u:20}",
    )
    .test_mode(),
    // RubyGems API keys: "rubygems_" + 48 hex (RubyGems guides, "API key scopes").
    token(
        S::RubygemsApiToken,
        "a RubyGems API key",
        "RubyGems",
        C,
        &["rubygems_"],
        r"rubygems_[a-f0-9]{48}",
        "rubygems_{h:48}",
        "rubygems_{h:40}",
    ),
    // NuGet API keys begin "oy2" + 43 lowercase alphanumerics (trufflehog nugetapikey);
    // nuget.config clear-text passwords (gitleaks nuget-config-password).
    token(
        S::NugetApiKey,
        "a NuGet API key",
        "NuGet",
        C,
        &["oy2"],
        r"oy2[a-z0-9]{43}",
        "oy2{la:43}",
        "oy2{la:40}",
    )
    .entropy(3.5),
    context(
        S::NugetConfigPassword,
        "a password in nuget.config",
        "NuGet",
        H,
        &["Passw"],
        r#"<add key="(?:ClearText)?Password"\s*value="([^"\s]{8,})"\s*/>"#,
        "<add key=\"ClearTextPassword\" value=\"{an:16}\" />",
        "<add key=\"Username\" value=\"{an:16}\" />",
    ),
    // Docker Hub personal and organisation access tokens: "dckr_pat_" / "dckr_oat_" (Docker
    // docs, "Access tokens").
    token(
        S::DockerhubToken,
        "a Docker Hub access token",
        "Docker Hub",
        C,
        &["dckr_pat_", "dckr_oat_"],
        r"dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,36}",
        "dckr_pat_{u:27}",
        "dckr_pat_{u:20}",
    ),
    // JFrog: API keys "AKCp" + 69, reference tokens "cmVmd" + 59 (gitleaks artifactory-*).
    token(
        S::JfrogApiKey,
        "a JFrog Artifactory API key",
        "JFrog",
        C,
        &["AKCp"],
        r"AKCp[A-Za-z0-9]{69}",
        "AKCp{an:69}",
        "AKCp{an:60}",
    )
    .entropy(4.0),
    token(
        S::JfrogReferenceToken,
        "a JFrog Artifactory reference token",
        "JFrog",
        C,
        &["cmVmd"],
        r"cmVmd[A-Za-z0-9]{59}",
        "cmVmd{an:59}",
        "cmVmd{an:50}",
    )
    .entropy(4.0),
    named(
        S::JfrogIdentityToken,
        "a JFrog identity token",
        "JFrog",
        C,
        "jfrog|artifactory",
        r"[A-Za-z0-9]{64}",
        "JFROG_ACCESS_TOKEN={an:64}",
        "JFROG_ACCESS_TOKEN={an:50}",
    )
    .entropy(4.0),
    // crates.io API tokens: "cio" + 32 alphanumerics (crates.io's token module).
    token(
        S::CratesIoToken,
        "a crates.io API token",
        "crates.io",
        C,
        &["cio"],
        r"cio[A-Za-z0-9]{32}",
        "CARGO_REGISTRY_TOKEN=cio{an:32}",
        "cio{an:20}",
    )
    .entropy(3.5),
    // Private Packagist tokens: "packagist_" + kind + "_" + 68 hex (Private Packagist docs).
    token(
        S::PackagistToken,
        "a Private Packagist token",
        "Packagist",
        C,
        &["packagist_"],
        r"packagist_[a-z]{3}_[a-f0-9]{68}",
        "packagist_ort_{h:68}",
        "packagist_ort_{h:60}",
    ),
    token(
        S::ClojarsToken,
        "a Clojars deploy token",
        "Clojars",
        C,
        &["CLOJARS_"],
        r"CLOJARS_[a-z0-9]{60}",
        "CLOJARS_{la:60}",
        "CLOJARS_{la:50}",
    ),
    // Sourcegraph access tokens "sgp_" (Sourcegraph docs; gitleaks sourcegraph-access-token).
    token(
        S::SourcegraphToken,
        "a Sourcegraph access token",
        "Sourcegraph",
        C,
        &["sgp_"],
        r"sgp_(?:[a-f0-9]{16}_)?[a-f0-9]{40}",
        "sgp_{h:16}_{h:40}",
        "sgp_{h:30}",
    ),
];

const CI: &[Rule] = &[
    // CircleCI personal and project tokens "CCIPAT_" / "CCIPRJ_" (CircleCI docs, "Managing
    // API tokens").
    token(S::CircleciToken, "a CircleCI API token", "CircleCI", C, &["CCIPAT_", "CCIPRJ_"],
        r"CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}", "CCIPAT_{an:22}_{h:40}", "CCIPAT_{an:22}_{h:30}"),
    named(S::CircleciLegacyToken, "a CircleCI API token", "CircleCI", C, "circleci|circle_token",
        r"[a-f0-9]{40}", "CIRCLE_TOKEN={h:40}", "CIRCLE_TOKEN={h:32}"),
    named(S::TravisCiToken, "a Travis CI access token", "Travis CI", H, "travis",
        r"[A-Za-z0-9_-]{22}", "TRAVIS_TOKEN={u:22}", "TRAVIS_TOKEN={u:21}").entropy(3.5),
    // Buildkite API access tokens "bkua_" + 40 hex, agent tokens "bkat_" (Buildkite docs).
    token(S::BuildkiteToken, "a Buildkite API access token", "Buildkite", C, &["bkua_", "bkat_"],
        r"bk(?:ua|at)_[a-f0-9]{40}", "bkua_{h:40}", "bkua_{h:39}"),
    named(S::DroneCiToken, "a Drone CI access token", "Drone", H, "droneci|drone_token",
        r"[A-Za-z0-9]{32}", "DRONE_TOKEN={an:32}", "DRONE_TOKEN={an:31}").entropy(3.5),
    // Sentry: user tokens "sntryu_" + 64 hex, org tokens "sntrys_" + base64 JSON (Sentry docs,
    // "Auth tokens"); legacy tokens are 64 hex assigned to a Sentry name.
    token(S::SentryUserToken, "a Sentry user auth token", "Sentry", C, &["sntryu_"],
        r"sntryu_[a-f0-9]{64}", "sntryu_{h:64}", "sntryu_{h:60}"),
    token(S::SentryOrgToken, "a Sentry organization auth token", "Sentry", C, &["sntrys_"],
        r"sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,300}={0,2}_[A-Za-z0-9+/]{43}",
        "sntrys_eyJpYXQiO{b64:120}_{b64:43}", "sntrys_{b64:120}_{b64:43}").entropy(4.0),
    named(S::SentryLegacyToken, "a Sentry auth token", "Sentry", C, "sentry",
        r"[a-f0-9]{64}", "SENTRY_AUTH_TOKEN={h:64}", "SENTRY_AUTH_TOKEN={h:40}"),
    // Datadog API keys (32 hex) and application keys (40 hex) (Datadog docs, "API and
    // application keys").
    named(S::DatadogApiKey, "a Datadog API key", "Datadog", C, "datadog|dd_api_key|DataDog",
        r"[a-f0-9]{32}", "DD_API_KEY={h:32}", "DD_API_KEY={h:31}"),
    named(S::DatadogAppKey, "a Datadog application key", "Datadog", C, "dd_app_key|dd_application_key|datadog_app_key|datadog_application_key",
        r"[a-f0-9]{40}", "DD_APP_KEY={h:40}", "DD_APP_KEY={h:39}"),
    // New Relic: user keys "NRAK-", license keys end "NRAL", insert keys "NRII-", query keys
    // "NRIQ-", browser keys "NRJS-" (New Relic docs, "API keys").
    token(S::NewRelicUserKey, "a New Relic user API key", "New Relic", C, &["NRAK-"],
        r"NRAK-[A-Z0-9]{27}", "NRAK-{UA:27}", "NRAK-{UA:20}"),
    // License keys: 40 characters ending NRAL, the region first (`eu01xx`) and `FFFF` before
    // NRAL in current keys (New Relic's agents, key-parser.js).
    token(S::NewRelicLicenseKey, "a New Relic license key", "New Relic", C, &["NRAL"],
        r"(?:[a-f0-9]{6}|[a-z]{2}[0-9]{2}xx)[a-f0-9]{26}(?:[a-f0-9]{4}|FFFF)NRAL",
        "license_key: {h:32}FFFFNRAL", "license_key: {h:30}FFFFNRAL"),
    token(S::NewRelicInsertKey, "a New Relic insert key", "New Relic", H, &["NRII-", "NRIQ-"],
        r"NRI[IQ]-[A-Za-z0-9_-]{32}", "NRII-{u:32}", "NRII-{u:20}"),
    token(S::NewRelicBrowserKey, "a New Relic browser key", "New Relic", M, &["NRJS-"],
        r"NRJS-[a-f0-9]{19}", "NRJS-{h:19}", "NRJS-{h:10}"),
    // Mobile app tokens ship in apps by design: worth a look, no more.
    token(S::NewRelicMobileToken, "a New Relic mobile app token", "New Relic", M, &["-NRMA"],
        r"(?:AA[a-f0-9]{40}|[a-z]{2}[0-9]{2}xx[a-f0-9]{36})-NRMA", "AA{h:40}-NRMA", "AA{h:38}-NRMA"),
    // Grafana: Cloud tokens "glc_", service-account tokens "glsa_" + 32 + "_" + 8 hex CRC
    // (Grafana docs); legacy API keys are base64 JSON beginning {"k":" (gitleaks grafana-*).
    token(S::GrafanaCloudToken, "a Grafana Cloud access token", "Grafana", C, &["glc_"],
        r"glc_[A-Za-z0-9+/]{32,400}={0,2}", "glc_{b64:80}", "glc_{b64:20}").entropy(4.0),
    token(S::GrafanaServiceAccountToken, "a Grafana service account token", "Grafana", C, &["glsa_"],
        r"glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}", "glsa_{an:32}_{h:8}", "glsa_{an:32}_{h:6}"),
    token(S::GrafanaApiKey, "a Grafana API key", "Grafana", C, &["eyJ"],
        r"eyJrIjoi[A-Za-z0-9]{70,400}={0,2}", "eyJrIjoi{an:80}", "eyJrIjoi{an:30}").entropy(4.0),
    // Honeycomb ingest keys "hcaik_" / "hcxik_" (Honeycomb docs, "API keys"); configuration
    // keys are 22 characters assigned to a Honeycomb name.
    token(S::HoneycombIngestKey, "a Honeycomb ingest key", "Honeycomb", H, &["hcaik_", "hcxik_"],
        r"hc[ax]ik_[0-9a-z]{58}", "hcaik_{la:58}", "hcaik_{la:40}").entropy(3.5),
    named(S::HoneycombApiKey, "a Honeycomb API key", "Honeycomb", H, "honeycomb",
        r"[A-Za-z0-9]{22}", "HONEYCOMB_API_KEY={an:22}", "HONEYCOMB_API_KEY={an:21}").entropy(3.5),
    // Dynatrace tokens: "dt0c01." / "dt0s01." + 24 + "." + 64 (Dynatrace docs, "Access tokens",
    // token format).
    token(S::DynatraceToken, "a Dynatrace API token", "Dynatrace", C, &["dt0c01.", "dt0s01.", "dt0s02."],
        r"dt0[cs]0[12]\.[A-Z0-9]{24}\.[A-Z0-9]{64}", "dt0c01.{UA:24}.{UA:64}", "dt0c01.{UA:24}.{UA:60}").entropy(4.0),
    // PagerDuty REST API keys: 20 characters (PagerDuty docs).
    named(S::PagerdutyApiKey, "a PagerDuty API key", "PagerDuty", C, "pagerduty|PagerDuty|pd_api",
        r"[A-Za-z0-9_+-]{20}", "PAGERDUTY_TOKEN={u:20}", "PAGERDUTY_TOKEN={u:19}").entropy(3.5),
    // Doppler tokens "dp.<kind>." + 40-44 (Doppler docs, "Token formats").
    token(S::DopplerToken, "a Doppler access token", "Doppler", C,
        &["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        r"dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}", "dp.pt.{an:43}", "dp.pt.{an:30}"),
    // HashiCorp Vault: service tokens "hvs.", batch tokens "hvb." (Vault docs, "Tokens").
    token(S::HashicorpVaultToken, "a HashiCorp Vault token", "HashiCorp Vault", C, &["hvs."],
        r"hvs\.[A-Za-z0-9_-]{90,120}", "hvs.{u:95}", "hvs.{u:40}").entropy(3.5),
    token(S::HashicorpVaultBatchToken, "a HashiCorp Vault batch token", "HashiCorp Vault", C, &["hvb."],
        r"hvb\.[A-Za-z0-9_-]{138,300}", "hvb.{u:150}", "hvb.{u:100}").entropy(4.0),
    // Terraform Cloud / Enterprise API tokens: 14 + ".atlasv1." + 60-70 (gitleaks
    // hashicorp-tf-api-token).
    token(S::TerraformCloudToken, "a Terraform Cloud API token", "HashiCorp Terraform", C, &[".atlasv1."],
        r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}", "{an:14}.atlasv1.{u:67}", "{an:14}.atlasv1.{u:40}").entropy(3.5),
    // Pulumi access tokens "pul-" + 40 hex (Pulumi docs, "Access tokens").
    token(S::PulumiToken, "a Pulumi access token", "Pulumi", C, &["pul-"],
        r"pul-[a-f0-9]{40}", "PULUMI_ACCESS_TOKEN=pul-{h:40}", "pul-{h:39}"),
    // Postman API keys "PMAK-" + 24 hex + "-" + 34 hex (Postman docs).
    token(S::PostmanApiKey, "a Postman API key", "Postman", C, &["PMAK-"],
        r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}", "PMAK-{h:24}-{h:34}", "PMAK-{h:24}-{h:30}"),
    // Snyk tokens are UUIDs (Snyk docs); SonarQube tokens "squ_"/"sqp_"/"sqa_" + 40 hex
    // (SonarQube docs, "Managing tokens").
    named(S::SnykToken, "a Snyk API token", "Snyk", C, "snyk_token|snyk_api|snyk_auth",
        UUID, "SNYK_TOKEN={uuid}", "SNYK_TOKEN={h:32}"),
    token(S::SonarToken, "a SonarQube token", "SonarQube", C, &["squ_", "sqp_", "sqa_"],
        r"sq[upa]_[a-f0-9]{40}", "SONAR_TOKEN=squ_{h:40}", "squ_{h:39}"),
    named(S::CodecovToken, "a Codecov upload token", "Codecov", H, "codecov",
        UUID, "CODECOV_TOKEN={uuid}", "CODECOV_TOKEN={h:32}"),
    // LaunchDarkly API access tokens "api-" + UUID and server SDK keys "sdk-" + UUID
    // (LaunchDarkly docs, "API access tokens", "Keys").
    named(S::LaunchdarklyKey, "a LaunchDarkly API or SDK key", "LaunchDarkly", C, "launchdarkly|ld_api|ld_sdk",
        r"(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "LAUNCHDARKLY_SDK_KEY=sdk-{uuid}", "LAUNCHDARKLY_SDK_KEY=mob-{uuid}"),
    // Octopus Deploy API keys "API-" + 26 (Octopus docs).
    token(S::OctopusDeployApiKey, "an Octopus Deploy API key", "Octopus Deploy", H, &["API-"],
        r"API-[A-Z0-9]{26}", "API-{UA:26}", "API-{UA:20}").entropy(3.5),
    named(S::RollbarToken, "a Rollbar access token", "Rollbar", H, "rollbar",
        r"[a-f0-9]{32}", "ROLLBAR_ACCESS_TOKEN={h:32}", "ROLLBAR_ACCESS_TOKEN={h:31}"),
    token(S::PrefectApiKey, "a Prefect API key", "Prefect", H, &["pnu_"],
        r"pnu_[A-Za-z0-9]{36}", "pnu_{an:36}", "pnu_{an:30}"),
    token(S::InfracostApiKey, "an Infracost API key", "Infracost", H, &["ico-"],
        r"ico-[A-Za-z0-9]{32}", "ico-{an:32}", "ico-{an:31}"),
    token(S::HarnessApiKey, "a Harness API key", "Harness", C, &["pat.", "sat."],
        r"[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}", "pat.{u:22}.{an:24}.{an:20}", "pat.{u:22}.{an:24}"),
    // 1Password: secret keys "A3-" and service-account tokens "ops_eyJ" (1Password docs;
    // gitleaks 1password-*).
    token(S::OnePasswordSecretKey, "a 1Password secret key", "1Password", C, &["A3-"],
        r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
        "A3-{UA:6}-{UA:11}-{UA:5}-{UA:5}-{UA:5}", "A3-{UA:6}-{UA:11}-{UA:5}-{UA:5}").entropy(3.5),
    token(S::OnePasswordServiceAccountToken, "a 1Password service account token", "1Password", C, &["ops_eyJ"],
        r"ops_eyJ[A-Za-z0-9+/]{250,}={0,3}", "ops_eyJ{b64:300}", "ops_eyJ{b64:100}").entropy(4.0),
];

const SAAS: &[Rule] = &[
    // Databricks personal access tokens "dapi" + 32 hex, OAuth secrets "dose" (Databricks
    // docs, "Authentication").
    token(S::DatabricksToken, "a Databricks access token", "Databricks", C, &["dapi", "dose"],
        r"(?:dapi|dose)[a-f0-9]{32}(?:-\d)?", "DATABRICKS_TOKEN=dapi{h:32}", "dapi{h:31}"),
    // Supabase: personal access tokens "sbp_" + 40 hex, secret API keys "sb_secret_" (Supabase
    // docs, "API keys"); legacy service_role keys are JWTs whose payload says so.
    token(S::SupabaseToken, "a Supabase access token", "Supabase", C, &["sbp_"],
        r"sbp_[a-f0-9]{40}", "sbp_{h:40}", "sbp_{h:39}"),
    token(S::SupabaseSecretKey, "a Supabase secret API key", "Supabase", C, &["sb_secret_"],
        r"sb_secret_[A-Za-z0-9_-]{31,64}", "sb_secret_{u:31}", "sb_secret_{u:20}").entropy(3.5),
    token(S::SupabaseServiceRoleKey, "a Supabase service_role key", "Supabase", C, &["eyJ"],
        r"eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{16,}",
        // {"alg":"HS256","typ":"JWT"} . {"iss":"supabase","role":"service_role","x":" …
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJzZXJ2aWNlX3JvbGUiLCJ4Ijoi{u:20}.{u:43}",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJvbGUiOiJhbm9uIiwieCI6ImFh{u:20}.{u:43}")
        .check(Check::SupabaseServiceRole),
    // PlanetScale tokens and passwords "pscale_tkn_" / "pscale_oauth_" / "pscale_pw_"
    // (PlanetScale docs).
    token(S::PlanetscaleToken, "a PlanetScale token or password", "PlanetScale", C,
        &["pscale_tkn_", "pscale_oauth_", "pscale_pw_"],
        r"pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}", "pscale_pw_{u:43}", "pscale_pw_{u:20}"),
    // MongoDB Atlas programmatic API private keys are UUIDs (Atlas docs).
    named(S::MongodbAtlasPrivateKey, "a MongoDB Atlas API private key", "MongoDB Atlas", C, "atlas_private|mongodb_atlas",
        UUID, "MONGODB_ATLAS_PRIVATE_KEY={uuid}", "MONGODB_ATLAS_PRIVATE_KEY={h:32}"),
    // Firebase Cloud Messaging legacy server keys (Firebase docs).
    token(S::FirebaseFcmServerKey, "a Firebase Cloud Messaging server key", "Firebase", C, &[":APA91b"],
        r"AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}", "AAAA{u:7}:APA91b{u:134}", "AAAA{u:7}:APA91b{u:60}").entropy(4.0),
    // Algolia admin API keys: 32 hex (Algolia docs, "API keys").
    named(S::AlgoliaApiKey, "an Algolia API key", "Algolia", H, "algolia",
        r"[a-f0-9]{32}", "ALGOLIA_ADMIN_KEY={h:32}", "ALGOLIA_ADMIN_KEY={h:31}"),
    // Airtable personal access tokens "pat" + 14 + "." + 64 hex (Airtable docs), specific
    // enough to be found with no name before them; legacy keys.
    token(S::AirtablePat, "an Airtable personal access token", "Airtable", C, &["pat"],
        r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}", "const t = 'pat{an:14}.{h:64}'", "const t = 'pat{an:14}.{h:60}'"),
    named(S::AirtableApiKey, "an Airtable API key", "Airtable", H, "airtable",
        r"key[A-Za-z0-9]{14}", "AIRTABLE_API_KEY=key{an:14}", "AIRTABLE_API_KEY=key{an:13}"),
    // Notion integration tokens "ntn_" + 11 digits + 35 (Notion docs); legacy "secret_" + 43.
    token(S::NotionToken, "a Notion integration token", "Notion", C, &["ntn_"],
        r"ntn_[0-9]{11}[A-Za-z0-9]{35}", "ntn_{d:11}{an:35}", "ntn_{d:11}{an:30}"),
    token(S::NotionLegacyToken, "a Notion integration token", "Notion", C, &["secret"],
        r"secret_[A-Za-z0-9]{43}", "NOTION_TOKEN=secret_{an:43}", "secret_{an:40}").entropy(4.0),
    // Linear API keys "lin_api_" + 40, OAuth tokens "lin_oauth_" + 64 hex (Linear docs).
    token(S::LinearApiKey, "a Linear API key", "Linear", C, &["lin_api_", "lin_oauth_"],
        r"lin_api_[A-Za-z0-9]{40}|lin_oauth_[a-f0-9]{64}", "lin_api_{an:40}", "lin_api_{an:30}"),
    // Atlassian API tokens "ATATT3" + 186 (Atlassian docs); older ones 24 characters.
    token(S::AtlassianApiToken, "an Atlassian API token", "Atlassian", C, &["ATATT3"],
        r"ATATT3[A-Za-z0-9_=-]{186}", "ATATT3{u:186}", "ATATT3{u:100}").entropy(4.0),
    named(S::AtlassianLegacyToken, "an Atlassian API token", "Atlassian", C, "atlassian|confluence|jira",
        r"[A-Za-z0-9]{24}", "JIRA_API_TOKEN={an:24}", "JIRA_API_TOKEN={an:23}").entropy(3.5),
    // Asana personal access tokens "1/…:" + 32 hex or "2/…/…:" + 32 hex (Asana docs).
    named(S::AsanaPat, "an Asana personal access token", "Asana", C, "asana",
        r"[0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[a-f0-9]{32}", "ASANA_TOKEN=2/{d:16}/{d:16}:{h:32}", "ASANA_TOKEN=2/{d:16}:{h:20}"),
    // Shopify access tokens "shpat_", "shpca_", "shppa_", shared secrets "shpss_" + 32 hex
    // (Shopify docs, "Access tokens").
    token(S::ShopifyToken, "a Shopify access token", "Shopify", C, &["shpat_", "shpca_", "shppa_", "shpss_"],
        r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", "shpat_{h:32}", "shpat_{h:31}"),
    // Square: production access tokens "EAAA" + 60, OAuth secrets "sq0csp-" (Square docs).
    named(S::SquareAccessToken, "a Square access token", "Square", C, "square|sq_access",
        r"EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}", "SQUARE_ACCESS_TOKEN=EAAA{u:60}", "SQUARE_ACCESS_TOKEN=EAAA{u:40}").entropy(4.0),
    token(S::SquareOauthSecret, "a Square OAuth application secret", "Square", C, &["sq0csp-"],
        r"sq0csp-[A-Za-z0-9_-]{43}", "sq0csp-{u:43}", "sq0csp-{u:40}"),
    // Clerk secret keys "sk_live_" / "sk_test_" (Clerk docs, "API keys"), told from Stripe's
    // by the Clerk name they are assigned to.
    named(S::ClerkSecretKey, "a Clerk secret key", "Clerk", C, "clerk",
        r"sk_live_[A-Za-z0-9]{40,60}", "CLERK_SECRET_KEY=sk_live_{an:42}", "CLERK_SECRET_KEY=pk_live_{an:42}"),
    // Stripe: secret "sk_", restricted "rk_", live or test; webhook secrets "whsec_" (Stripe
    // docs, "API keys").
    token(S::StripeLiveKey, "a Stripe live secret key", "Stripe", C, &["sk_live_", "rk_live_"],
        r"(?:sk|rk)_live_[0-9A-Za-z]{24,99}", "sk_live_{an:32}", "pk_live_{an:32}"),
    token(S::StripeTestKey, "a Stripe test secret key", "Stripe", M, &["sk_test_", "rk_test_"],
        r"(?:sk|rk)_test_[0-9A-Za-z]{24,99}", "sk_test_{an:32}", "sk_test_{an:20}").test_mode(),
    token(S::StripeWebhookSecret, "a Stripe webhook signing secret", "Stripe", H, &["whsec_"],
        r"whsec_[A-Za-z0-9]{32,64}", "whsec_{an:32}", "whsec_{an:20}"),
    // Braintree / PayPal access tokens "access_token$production$…" (Braintree docs);
    // PayPal REST client secrets are 80 characters assigned to a PayPal name.
    token(S::BraintreeAccessToken, "a Braintree access token", "PayPal Braintree", C, &["access_token$"],
        r"access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}",
        "access_token$production${la:16}${h:32}", "access_token$production${la:16}${h:20}"),
    named(S::PaypalClientSecret, "a PayPal client secret", "PayPal", C, "paypal|PayPal",
        r"[A-Za-z0-9_-]{80}", "PAYPAL_CLIENT_SECRET={u:80}", "PAYPAL_CLIENT_SECRET={u:60}").entropy(4.0),
    // Adyen API keys begin "AQE" (Adyen docs, "API credentials").
    named(S::AdyenApiKey, "an Adyen API key", "Adyen", C, "adyen",
        r"AQE[A-Za-z0-9+/=_.-]{80,250}", "ADYEN_API_KEY=AQE{b64:120}", "ADYEN_API_KEY=AQE{b64:40}").entropy(4.0),
    // Plaid access tokens "access-<env>-" + UUID (Plaid docs); secrets 30 hex.
    token(S::PlaidAccessToken, "a Plaid access token", "Plaid", C, &["access-production-", "access-development-", "access-sandbox-"],
        r"access-(?:production|development|sandbox)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "access-production-{uuid}", "access-staging-{uuid}"),
    named(S::PlaidSecret, "a Plaid API secret", "Plaid", C, "plaid",
        r"[a-f0-9]{30}", "PLAID_SECRET={h:30}", "PLAID_SECRET={h:29}"),
    // Twilio API key SIDs "SK" + 32 hex with their secret, auth tokens 32 hex (Twilio docs).
    named(S::TwilioApiKey, "a Twilio API key", "Twilio", H, "twilio",
        r"SK[0-9a-fA-F]{32}",
        "twilioKey = 'SK{h:32}'", "otherKey = 'SK{h:32}'"),
    named(S::TwilioAuthToken, "a Twilio auth token", "Twilio", C, "twilio_auth|twilio_token|twilioAuth",
        r"[a-f0-9]{32}", "TWILIO_AUTH_TOKEN={h:32}", "TWILIO_AUTH_TOKEN={h:31}"),
    // SendGrid API keys "SG." + 22 + "." + 43 (Twilio SendGrid docs).
    token(S::SendgridApiKey, "a SendGrid API key", "SendGrid", C, &["SG."],
        r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", "SG.{u:22}.{u:43}", "SG.{u:22}.{u:40}").entropy(3.5),
    // Mailgun private keys "key-" + 32 hex; newer keys 32 hex + two groups of 8 (Mailgun docs).
    named(S::MailgunApiKey, "a Mailgun API key", "Mailgun", H, "mailgun",
        r"key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}",
        "MAILGUN_API_KEY='key-{h:32}'", "OTHER_API_KEY='key-{h:32}'"),
    // Mailchimp API keys: 32 hex + "-us" + data centre (Mailchimp docs).
    named(S::MailchimpApiKey, "a Mailchimp API key", "Mailchimp", H, "mailchimp|mc_api",
        r"[a-f0-9]{32}-us[0-9]{1,2}", "MAILCHIMP_KEY={h:32}-us21", "MAILCHIMP_KEY={h:31}-us21"),
    // Postmark server and account tokens are UUIDs (Postmark docs).
    named(S::PostmarkToken, "a Postmark API token", "Postmark", C, "postmark",
        UUID, "POSTMARK_SERVER_TOKEN={uuid}", "POSTMARK_SERVER_TOKEN={h:32}"),
    // Brevo (Sendinblue) API keys "xkeysib-" and SMTP keys "xsmtpsib-" (Brevo docs).
    token(S::BrevoApiKey, "a Brevo (Sendinblue) API key", "Brevo", C, &["xkeysib-", "xsmtpsib-"],
        r"x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}", "xkeysib-{h:64}-{an:16}", "xkeysib-{h:64}"),
    // Slack: "Token types" in Slack's API docs; gitleaks slack-*.
    token(S::SlackBotToken, "a Slack bot token", "Slack", C, &["xoxb-"],
        r"xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}", "xoxb-{d:11}-{d:13}-{an:24}", "xoxb-token-here"),
    token(S::SlackUserToken, "a Slack user token", "Slack", C, &["xoxp-", "xoxe-"],
        r"xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34}", "xoxp-{d:10}-{d:10}-{d:13}-{an:32}", "xoxp-{d:10}-{d:10}-{an:32}"),
    token(S::SlackAppToken, "a Slack app-level token", "Slack", C, &["xapp-"],
        r"xapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[a-f0-9]{64}", "xapp-1-{UA:11}-{d:13}-{h:64}", "xapp-1-{UA:11}-{h:64}"),
    token(S::SlackConfigToken, "a Slack configuration token", "Slack", C, &["xoxe.xoxp-", "xoxe.xoxb-", "xoxe-"],
        r"xoxe\.xox[bp]-\d-[A-Z0-9]{163,166}|xoxe-\d-[A-Z0-9]{146}", "xoxe.xoxp-1-{UA:164}", "xoxe.xoxp-1-{UA:100}").entropy(4.0),
    // Legacy tokens carry their team's and user's ids as digit groups; a word after `xoxr-`
    // (`xoxr-tokenhere`) is no token.
    token(S::SlackLegacyToken, "a Slack legacy token", "Slack", C, &["xoxo-", "xoxs-", "xoxa-", "xoxr-"],
        r"xox[os]-\d{6,13}-\d{6,13}-\d{6,13}-[a-fA-F0-9]{10,64}|xox[ar]-(?:[0-9]-)?[0-9]{8,13}-[0-9]{8,13}(?:-[0-9]{8,13})?-[A-Za-z0-9]{18,64}",
        "xoxa-2-{d:10}-{d:11}-{d:13}-{h:32}", "xoxr-tokenhere{an:20}"),
    token(S::SlackLegacyBotToken, "a Slack legacy bot token", "Slack", C, &["xoxb-"],
        r"xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}", "xoxb-{d:12}-{an:24}", "xoxb-Slack_BOT_TOKEN"),
    token(S::SlackSessionToken, "a Slack browser session token", "Slack", H, &["xoxc-"],
        r"xoxc-[0-9]{8,13}-[0-9]{8,13}-[0-9]{8,13}-[a-f0-9]{64}", "xoxc-{d:11}-{d:12}-{d:13}-{h:64}", "xoxc-{d:11}-{h:64}"),
    armoured(S::SlackWebhook, "a Slack webhook URL", "Slack", H, &["://"],
        r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})",
        "https://hooks.slack.com/services/T{b32:8}/B{b32:10}/{an:24}", "https://hooks.slack.com/services/"),
    // Discord webhooks and bot tokens (Discord developer docs).
    armoured(S::DiscordWebhook, "a Discord webhook URL", "Discord", H, &["://"],
        r"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})",
        "https://discord.com/api/webhooks/{d:18}/{u:68}", "https://discord.com/api/webhooks/"),
    named(S::DiscordBotToken, "a Discord bot token", "Discord", C, "discord",
        r"[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}",
        "const discordToken = \"M{an:25}.{u:6}.{u:38}\"", "const discordToken = process.env.TOKEN").entropy(3.5),
    // Telegram bot tokens: bot id + ":AA" + 33 (Telegram Bot API docs).
    token(S::TelegramBotToken, "a Telegram bot token", "Telegram", H,
        &[":AA"],
        r"[0-9]{8,10}:AA[A-Za-z0-9_-]{33}", "TELEGRAM_TOKEN={d:9}:AA{u:33}", "TELEGRAM_TOKEN={d:9}:AB{u:33}"),
    // Microsoft Teams incoming webhooks (Microsoft docs, "Create an incoming webhook") and
    // the Workflows (Power Automate) URLs that replace them.
    // Connectors (`webhook.office.com`, the older `outlook.office.com/webhook`), Logic Apps,
    // and Power Automate flows (`*.environment.api.powerplatform.com`): the `sig` is the
    // credential, wherever it sits in the query.
    armoured(S::TeamsWebhook, "a Microsoft Teams webhook URL", "Microsoft Teams", H, &["://"],
        r"(https://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{20,})?|https://[a-z0-9.-]+\.logic\.azure\.(?:com|us|cn)(?::443)?/workflows/[a-f0-9]{32}/triggers/[A-Za-z0-9_]+/paths/invoke\?[^\s'\x22<>]{0,300}?sig=[A-Za-z0-9_%-]{20,}|https://(?:default)?[0-9a-f]{30,31}\.[0-9a-f]{1,2}\.environment\.api\.(?:powerplatform\.com|gov\.powerplatform\.microsoft\.us|high\.powerplatform\.microsoft\.us|appsplatform\.us)(?::443)?/powerautomate/automations/direct/workflows/[0-9a-f]{32}/triggers/[A-Za-z0-9_]+/paths/invoke\?[^\s'\x22<>]{0,300}?sig=[A-Za-z0-9_%-]{20,})",
        "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h:32}/{uuid}",
        "https://acme.webhook.office.com/webhookb2/{uuid}"),
    armoured(S::GoogleChatWebhook, "a Google Chat webhook URL", "Google Chat", H, &["://"],
        r"(https://chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_-]{8,}/messages\?key=[A-Za-z0-9_-]{39}&token=[A-Za-z0-9_%=-]{40,})",
        "https://chat.googleapis.com/v1/spaces/{u:11}/messages?key=AIza{u:35}&token={u:43}",
        "https://chat.googleapis.com/v1/spaces/{u:11}/messages"),
    armoured(S::ZapierWebhook, "a Zapier webhook URL", "Zapier", M, &["://"],
        r"(https://hooks\.zapier\.com/hooks/catch/[0-9]{5,10}/[a-z0-9]{5,10}/?)",
        "https://hooks.zapier.com/hooks/catch/{d:8}/{la:7}/", "https://hooks.zapier.com/hooks/catch/"),
    // Zoom, Dropbox, Box, Okta, Auth0: no prefix; found by their names (gitleaks dropbox-*,
    // okta-access-token; providers' docs for the lengths).
    named(S::ZoomSecret, "a Zoom client secret", "Zoom", C, "zoom_client_secret|zoom_secret|zoom_api_secret",
        r"[A-Za-z0-9]{32}", "ZOOM_CLIENT_SECRET={an:32}", "ZOOM_CLIENT_SECRET={an:31}").entropy(3.5),
    named(S::DropboxToken, "a Dropbox access token", "Dropbox", C, "dropbox",
        r"sl\.[A-Za-z0-9_.-]{130,200}|[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}",
        "DROPBOX_TOKEN=sl.{u:140}", "DROPBOX_TOKEN=sl.{u:60}").entropy(4.0),
    named(S::BoxToken, "a Box developer token or client secret", "Box", H, "box_client_secret|box_developer_token|box_access_token|boxClientSecret",
        r"[A-Za-z0-9]{32}", "BOX_CLIENT_SECRET={an:32}", "BOX_CLIENT_SECRET={an:31}").entropy(3.5),
    named(S::OktaApiToken, "an Okta API token", "Okta", C, "okta",
        r"00[A-Za-z0-9_-]{40}", "OKTA_API_TOKEN=00{u:40}", "OKTA_API_TOKEN=01{u:40}").entropy(4.0),
    named(S::Auth0ClientSecret, "an Auth0 client secret", "Auth0", C, "auth0",
        r"[A-Za-z0-9_-]{64}", "AUTH0_CLIENT_SECRET={u:64}", "AUTH0_CLIENT_SECRET={u:40}").entropy(4.0),
    // HubSpot private app tokens "pat-<region>-" + UUID (HubSpot docs).
    token(S::HubspotToken, "a HubSpot private app token", "HubSpot", C, &["pat-na", "pat-eu", "pat-ap"],
        r"pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "pat-na1-{uuid}", "pat-xx1-{uuid}"),
    named(S::IntercomToken, "an Intercom access token", "Intercom", C, "intercom",
        r"[A-Za-z0-9_=-]{60}", "INTERCOM_TOKEN={u:60}", "INTERCOM_TOKEN={u:40}").entropy(4.0),
    token(S::ContentfulPat, "a Contentful personal access token", "Contentful", C, &["CFPAT-"],
        r"CFPAT-[A-Za-z0-9_-]{43}", "CFPAT-{u:43}", "CFPAT-{u:40}"),
    token(S::TypeformToken, "a Typeform personal access token", "Typeform", H, &["tfp_"],
        r"tfp_[A-Za-z0-9_.=-]{59}", "tfp_{u:59}", "tfp_{u:40}"),
    // Mapbox secret tokens "sk." + a JWT-like body (Mapbox docs; "pk." tokens are public).
    token(S::MapboxSecretToken, "a Mapbox secret access token", "Mapbox", H, &["sk.eyJ"],
        r"sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,}", "sk.eyJ{u:60}.{u:22}", "pk.eyJ{u:60}.{u:22}").entropy(4.0),
    named(S::ZendeskToken, "a Zendesk API token", "Zendesk", H, "zendesk",
        r"[A-Za-z0-9]{40}", "ZENDESK_API_TOKEN={an:40}", "ZENDESK_API_TOKEN={an:39}").entropy(3.5),
    // Facebook page tokens "EAAC"/"EAAM" (Meta docs); app secrets 32 hex.
    named(S::FacebookAccessToken, "a Facebook access token", "Facebook", H, "facebook|fb_access|fb_page",
        r"EAA[CM][A-Za-z0-9]{100,}", "FACEBOOK_ACCESS_TOKEN=EAAC{an:150}", "FACEBOOK_ACCESS_TOKEN=EAAC{an:60}").entropy(4.0),
    named(S::FacebookAppSecret, "a Facebook app secret", "Facebook", C, "facebook|fb_app_secret",
        r"[a-f0-9]{32}", "FACEBOOK_APP_SECRET={h:32}", "FACEBOOK_APP_SECRET={h:31}"),
    // Salesforce access tokens: org id "00D…" + "!" + 80+ (Salesforce docs; trufflehog).
    named(S::SalesforceAccessToken, "a Salesforce access token", "Salesforce", C, "salesforce|sfdc|sf_access",
        r"00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,}", "SALESFORCE_ACCESS_TOKEN=00D{an:15}!{an:96}", "SALESFORCE_ACCESS_TOKEN=00D{an:15}!{an:30}").entropy(4.0),
    // Shippo, EasyPost, Duffel, Flutterwave, Razorpay, GoCardless, Lob (gitleaks rules of the
    // same names; the providers' docs for live and test prefixes).
    token(S::ShippoToken, "a Shippo API token", "Shippo", C, &["shippo_live_", "shippo_test_"],
        r"shippo_(?:live|test)_[a-fA-F0-9]{40}", "shippo_live_{h:40}", "shippo_live_{h:30}"),
    token(S::EasypostApiKey, "an EasyPost API key", "EasyPost", C, &["EZAK", "EZTK"],
        r"EZ[AT]K[A-Za-z0-9]{54}", "EZAK{an:54}", "EZAK{an:40}").entropy(4.0),
    token(S::DuffelToken, "a Duffel API token", "Duffel", C, &["duffel_live_", "duffel_test_"],
        r"duffel_(?:live|test)_[A-Za-z0-9_=-]{43}", "duffel_live_{u:43}", "duffel_live_{u:40}"),
    token(S::FlutterwaveSecretKey, "a Flutterwave secret key", "Flutterwave", C, &["FLWSECK-", "FLWSECK_TEST-"],
        r"FLWSECK(?:_TEST)?-[a-h0-9]{32}-X", "FLWSECK-{h:32}-X", "FLWSECK-{h:32}"),
    token(S::RazorpayKey, "a Razorpay key", "Razorpay", M, &["rzp_live_", "rzp_test_"],
        r"rzp_(?:live|test)_[A-Za-z0-9]{14}", "rzp_live_{an:14}", "rzp_live_{an:10}"),
    named(S::GocardlessToken, "a GoCardless access token", "GoCardless", C, "gocardless",
        r"live_[A-Za-z0-9_=-]{40}", "GOCARDLESS_TOKEN=live_{u:40}", "GOCARDLESS_TOKEN=live_{u:30}"),
    named(S::LobApiKey, "a Lob API key", "Lob", H, "lob_api|lob_key|lobApi",
        r"(?:live|test)_[a-f0-9]{35}", "LOB_API_KEY=live_{h:35}", "LOB_API_KEY=live_{h:30}"),
    named(S::TwitterSecret, "an X (Twitter) API secret", "X (Twitter)", H, "twitter",
        r"[A-Za-z0-9]{50}", "TWITTER_API_SECRET={an:50}", "TWITTER_API_SECRET={an:49}").entropy(4.0),
    // Other well-known prefixed tokens (gitleaks rules of the same names).
    token(S::ReadmeApiKey, "a ReadMe API key", "ReadMe", H, &["rdme_"],
        r"rdme_[a-z0-9]{70}", "rdme_{la:70}", "rdme_{la:60}"),
    token(S::MaxmindLicenseKey, "a MaxMind license key", "MaxMind", H, &["_mmk"],
        r"[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk", "{an:6}_{an:29}_mmk", "{an:6}_{an:20}_mmk"),
    token(S::ScalingoToken, "a Scalingo API token", "Scalingo", H, &["tk-us-"],
        r"tk-us-[A-Za-z0-9_-]{48}", "tk-us-{u:48}", "tk-us-{u:40}"),
    token(S::FrameioToken, "a Frame.io API token", "Frame.io", H, &["fio-u-"],
        r"fio-u-[A-Za-z0-9_=-]{64}", "fio-u-{u:64}", "fio-u-{u:40}"),
    token(S::ClickhouseCloudKey, "a ClickHouse Cloud API secret", "ClickHouse", C, &["4b1d"],
        r"4b1d[A-Za-z0-9]{38}", "4b1d{an:38}", "4b1d{an:30}").entropy(3.5),
    token(S::OpenshiftToken, "an OpenShift user token", "OpenShift", C, &["sha256~"],
        r"sha256~[A-Za-z0-9_-]{43}", "sha256~{u:43}", "sha256~{u:40}").entropy(3.5),
    token(S::YandexApiKey, "a Yandex Cloud API key", "Yandex Cloud", C, &["AQVN"],
        r"AQVN[A-Za-z0-9_-]{35,38}", "AQVN{u:36}", "AQVN{u:20}").entropy(3.5),
];

const AI: &[Rule] = &[
    // OpenAI: the key's middle carries "T3BlbkFJ" (base64 of "OpenAI"; gitleaks openai-api-key).
    // Not "T3BlbkFJ" as the keyword: in "…A3T3BlbkFJ…" the AWS keyword "A3T" would take its "T".
    token(
        S::OpenaiApiKey,
        "an OpenAI API key",
        "OpenAI",
        C,
        &["3BlbkFJ"],
        r"sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}",
        "sk-proj-{u:58}T3BlbkFJ{u:58}",
        "sk-proj-T3BlbkFJ",
    )
    .entropy(3.5),
    // Anthropic: "sk-ant-api03-" / "sk-ant-admin01-" + 93 + "AA" (gitleaks anthropic-*).
    token(
        S::AnthropicApiKey,
        "an Anthropic API key",
        "Anthropic",
        C,
        &["sk-ant-"],
        r"sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA",
        "sk-ant-api03-{u:93}AA",
        "sk-ant-api03-{u:93}",
    )
    .entropy(3.5),
    // Hugging Face user tokens "hf_" + 34 letters, org tokens "api_org_" (HF docs).
    token(
        S::HuggingfaceToken,
        "a Hugging Face access token",
        "Hugging Face",
        H,
        &["hf_", "api_org_"],
        r"(?:hf|api_org)_[A-Za-z]{34}",
        "hf_{Aa:34}",
        "hf_hub_download",
    )
    .entropy(3.5),
    named(
        S::CohereApiKey,
        "a Cohere API key",
        "Cohere",
        C,
        "cohere|co_api_key",
        r"[A-Za-z0-9]{40}",
        "COHERE_API_KEY={an:40}",
        "COHERE_API_KEY={an:39}",
    )
    .entropy(4.0),
    named(
        S::MistralApiKey,
        "a Mistral AI API key",
        "Mistral AI",
        C,
        "mistral",
        r"[A-Za-z0-9]{32}",
        "MISTRAL_API_KEY={an:32}",
        "MISTRAL_API_KEY={an:31}",
    )
    .entropy(3.5),
    // Groq keys "gsk_" + 52 (Groq console docs).
    token(
        S::GroqApiKey,
        "a Groq API key",
        "Groq",
        C,
        &["gsk_"],
        r"gsk_[A-Za-z0-9]{52}",
        "gsk_{an:52}",
        "gsk_{an:40}",
    )
    .entropy(4.0),
    // Replicate tokens "r8_" + 37 (Replicate docs).
    token(
        S::ReplicateApiToken,
        "a Replicate API token",
        "Replicate",
        C,
        &["r8_"],
        r"r8_[A-Za-z0-9]{37}",
        "r8_{an:37}",
        "r8_{an:30}",
    )
    .entropy(4.0),
    // Together AI keys "tgp_v1_" (Together docs); older keys 64 hex.
    token(
        S::TogetherApiKey,
        "a Together AI API key",
        "Together AI",
        C,
        &["tgp_v1_"],
        r"tgp_v1_[A-Za-z0-9_-]{43}",
        "tgp_v1_{u:43}",
        "tgp_v1_{u:30}",
    )
    .entropy(4.0),
    named(
        S::TogetherLegacyKey,
        "a Together AI API key",
        "Together AI",
        C,
        "together_api|togetherApi",
        r"[a-f0-9]{64}",
        "TOGETHER_API_KEY={h:64}",
        "TOGETHER_API_KEY={h:40}",
    ),
    // Perplexity "pplx-" + 48 (Perplexity docs; gitleaks perplexity-api-key).
    token(
        S::PerplexityApiKey,
        "a Perplexity API key",
        "Perplexity",
        C,
        &["pplx-"],
        r"pplx-[A-Za-z0-9]{48}",
        "pplx-{an:48}",
        "pplx-{an:40}",
    )
    .entropy(4.0),
    // DeepSeek keys "sk-" + 32 hex (DeepSeek platform), found by their name.
    named(
        S::DeepseekApiKey,
        "a DeepSeek API key",
        "DeepSeek",
        C,
        "deepseek|DeepSeek",
        r"sk-[a-f0-9]{32}",
        "DEEPSEEK_API_KEY=sk-{h:32}",
        "DEEPSEEK_API_KEY=sk-{h:31}",
    ),
    // xAI keys "xai-" + 80 (xAI console docs).
    token(
        S::XaiApiKey,
        "an xAI API key",
        "xAI",
        C,
        &["xai-"],
        r"xai-[A-Za-z0-9]{80}",
        "xai-{an:80}",
        "xai-{an:60}",
    )
    .entropy(4.0),
    // OpenRouter keys "sk-or-v1-" + 64 hex (OpenRouter docs).
    token(
        S::OpenrouterApiKey,
        "an OpenRouter API key",
        "OpenRouter",
        C,
        &["sk-or-v1-"],
        r"sk-or-v1-[a-f0-9]{64}",
        "sk-or-v1-{h:64}",
        "sk-or-v1-{h:60}",
    ),
    // LangSmith keys "lsv2_pt_" / "lsv2_sk_" (LangSmith docs).
    token(
        S::LangsmithApiKey,
        "a LangSmith API key",
        "LangChain",
        C,
        &["lsv2_pt_", "lsv2_sk_"],
        r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}",
        "lsv2_pt_{h:32}_{h:10}",
        "lsv2_pt_{h:32}",
    ),
    // Pinecone keys "pcsk_" (Pinecone docs).
    token(
        S::PineconeApiKey,
        "a Pinecone API key",
        "Pinecone",
        C,
        &["pcsk_"],
        r"pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}",
        "pcsk_{an:6}_{an:64}",
        "pcsk_{an:6}_{an:30}",
    )
    .entropy(4.0),
];

const KEYS: &[Rule] = &[
    // Armoured keys: RFC 7468 (PEM, PKCS #8, OpenSSH), RFC 4880 (OpenPGP), PuTTY's PPK format,
    // age's bech32 "AGE-SECRET-KEY-1" (age spec; the checksum is verified).
    armoured(S::PgpPrivateKey, "a PGP private key", "OpenPGP", C, &["-----BEGIN"],
        r"(-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\\A-Za-z0-9+/=:,.()-]{64,}?-----END PGP PRIVATE KEY BLOCK-----)",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n{b64:64}\n{b64:64}\n-----END PGP PRIVATE KEY BLOCK-----",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{b64:64}\n-----END PGP PUBLIC KEY BLOCK-----"),
    // Its body may be written as lines of a string in code (`'…\n' +`, `"…",`): quotes are
    // let through with the base64.
    armoured(S::PrivateKey, "a private key", "PEM", C, &["-----BEGIN"],
        r"(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\\A-Za-z0-9+/=:,\x22\x27\x60-]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)",
        "-----BEGIN RSA PRIVATE KEY-----\n{b64:64}\n{b64:64}\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\n{b64:64}\n-----END PUBLIC KEY-----"),
    armoured(S::PuttyPrivateKey, "a PuTTY private key", "PuTTY", C, &["PuTTY-User-Key-File-"],
        r"(PuTTY-User-Key-File-[23]: [^\r\n]+\r?\n(?:[^\r\n]*\r?\n){1,12}?Private-Lines: \d+\r?\n[A-Za-z0-9+/=\r\n]{40,})",
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\nPublic-Lines: 2\n{b64:64}\n{b64:16}\nPrivate-Lines: 1\n{b64:64}\nPrivate-MAC: {h:64}\n",
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n{b64:64}\n"),
    token(S::AgeSecretKey, "an age secret key", "age", C, &["AGE-SECRET-KEY-1"],
        r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", "AGE-SECRET-KEY-1{BECH:52}{agesum}",
        "AGE-SECRET-KEY-1{BECH:52}{badagesum}").check(Check::Bech32),
    // JSON Web Tokens (RFC 7519): the header must decode to a JSON object with "alg".
    token(S::Jwt, "a JSON Web Token", "JWT", H, &["eyJ"],
        r"eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{16,}",
        "eyJhbGciOiJIUzI1NiJ9.eyJ{u:40}.{u:43}", "eyJ{u:33}.eyJ{u:40}.{u:43}").check(Check::Jwt),
    // URLs with credentials: database schemes first (RFC 3986 userinfo).
    // The place says it is a password, whatever its length or randomness: short real ones
    // are the common case in shipped config. Placeholders and templates stay quiet
    // (`Check::UrlPassword`); a user may be empty (`redis://:pw@host`).
    armoured(S::DatabaseUrl, "a database URL with a password in it", "Database", C, &["://"],
        r#"(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|cockroachdb|clickhouse|snowflake|couchdb|neo4j(?:\+s)?|jdbc:[a-z]+)://([^:/\s'"@<>`]{0,64}:[^@/\s'"<>`${}]{1,128})@[A-Za-z0-9.-]+"#,
        "DATABASE_URL=postgres://app:{an:7}@db.acme.io:5432/app", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db.acme.io/app")
        .check(Check::UrlPassword),
    armoured(S::BasicAuthUrl, "a URL with a password in it", "URL", H, &["://"],
        r#"[a-zA-Z][a-zA-Z0-9+.-]{1,15}://([^:/\s'"@<>`]{1,64}:[^@/\s'"<>`${}]{4,128})@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#,
        "const u = 'https://admin:{an:8}@ci.acme.io/x'", "const u = 'https://user:${PASSWORD}@ci.acme.io/x'")
        .check(Check::UrlPassword),
    // Package-manager and tool credentials files.
    // As .npmrc writes it: at a line's start or after `//host/path/:`. Not a property set
    // in code (`this._authToken=t,…`, in minified bundles).
    context(S::NpmrcAuthToken, "a registry auth token", "npm", C, &["_auth"],
        r"(?m)(?:^[ \t]*|/:)_authToken[ \t]*=[ \t]*([A-Za-z0-9._~+/=-]{16,})",
        "//registry.acme.io/:_authToken={an:30}", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
    // One rule a key: a regex with one literal is searched for by it, one with two, in the
    // page's WebAssembly, a byte at a time (bench/wasm-stages.sh).
    context(S::NpmrcAuth, "a registry login in .npmrc", "npm", C, &["_auth"],
        r"(?m)(?:^|:)_auth\s*=\s*([A-Za-z0-9+/]{12,}={0,2})",
        "//registry.acme.io/:_auth={b64:24}", "_auth=${NPM_AUTH}"),
    context(S::NpmrcPassword, "a registry password in .npmrc", "npm", C, &["_password"],
        r"(?m)(?:^|:)_password\s*=\s*([A-Za-z0-9+/]{12,}={0,2})",
        "//registry.acme.io/:_password={b64:24}", "_password=${NPM_PASSWORD}"),
    armoured(S::PypircPassword, "a password in .pypirc", "PyPI", H, &["passw"],
        r"(?s)\[(?:pypi|testpypi|distutils)\][^\[]{0,400}?\npassword\s*[=:]\s*([^\s]{8,})",
        "[pypi]\nusername = me\npassword = {an:20}\n", "[pypi]\nusername = __token__\n").entropy(3.0),
    armoured(S::NetrcPassword, "a password in .netrc", "netrc", H, &["passw"],
        r"machine\s+[A-Za-z0-9.-]+\s+login\s+\S+\s+password\s+([^\s]{8,})",
        "machine api.acme.io login me password {an:20}\n", "machine api.acme.io login me\n").entropy(3.0),
    context(S::DockerConfigAuth, "a registry login in a Docker config", "Docker", C, &["\"auths\""],
        r#""auth"\s*:\s*"([A-Za-z0-9+/]{12,}={0,2})""#,
        "{\"auths\":{\"registry.acme.io\":{\"auth\":\"{dockerauth}\"}}}", "{\"auths\":{\"r\":{\"auth\":\"{b64:24}\"}}}")
        .check(Check::DockerAuth),
    armoured(S::KubeconfigToken, "a token in a Kubernetes config", "Kubernetes", C, &["kind: Config"],
        r"(?m)^\s+(?:token|client-key-data|password):\s*['\x22]?([A-Za-z0-9._~+/=-]{20,})",
        "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: {u:48}\n",
        "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${TOKEN}\n").entropy(3.5),
    armoured(S::KubernetesSecret, "a value in a Kubernetes Secret", "Kubernetes", H, &["kind: Secret"],
        r"(?m)^(?:data|stringData):\s*\r?\n(?:[ \t]+[A-Za-z0-9_.-]+:[^\n]*\n){0,20}?[ \t]+[A-Za-z0-9_.-]+:\s*['\x22]?([A-Za-z0-9+/]{16,}={0,2})",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {b64:24}\n",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: \"\"\n").entropy(3.5),
    context(S::TerraformStateSecret, "a secret in a Terraform state file", "Terraform", C, &["\"terraform_version\""],
        r#""(?:password|secret|secret_key|access_key|private_key|token|master_password|administrator_login_password|client_secret)"\s*:\s*"([^"\s\\]{8,})""#,
        "{\"version\":4,\"terraform_version\":\"1.9.0\",\"resources\":[{\"instances\":[{\"attributes\":{\"password\":\"{an:24}\"}}]}]}",
        "{\"version\":4,\"terraform_version\":\"1.9.0\",\"resources\":[{\"attributes\":{\"password\":null}}]}")
        .entropy(3.0),
];

/// Generic assignments: a quoted, high-entropy value given to a name that says it is a
/// secret. Reported below the known formats (medium), and only where no known format is.
const GENERIC: &[Rule] = &[
    context(
        S::GenericClientSecret,
        "a client secret assigned in code",
        "generic",
        M,
        &["secret", "Secret", "SECRET"],
        r#"(?i:client[_-]?secret)[A-Za-z0-9_.-]{0,20}?(?:\\?['"])?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}\\?['"`]([^'"`\s\\]{12,200})\\?['"`]"#,
        "clientSecret: \"{an:32}\"",
        "clientSecret: \"{la:6}\"",
    ),
    context(
        S::GenericPassword,
        "a password assigned in code",
        "generic",
        M,
        &["passw", "Passw", "PASSW"],
        r#"(?i:passw(?:or)?d|passphrase)[A-Za-z0-9_.-]{0,20}?(?:\\?['"])?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}\\?['"`]([^'"`\s\\]{8,200})\\?['"`]"#,
        "const password = \"{an:20}\";",
        "const password = \"hunter2\";",
    ),
    context(
        S::GenericApiKey,
        "an API key assigned in code",
        "generic",
        M,
        &["key", "Key", "KEY"],
        r#"(?i:api[_-]?key)[A-Za-z0-9_.-]{0,20}?(?:\\?['"])?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}\\?['"`]([^'"`\s\\]{12,200})\\?['"`]"#,
        "apiKey: '{an:32}'",
        "apiKey: process.env.API_KEY",
    ),
    context(
        S::GenericSecret,
        "a secret assigned in code",
        "generic",
        M,
        &["secret", "Secret", "SECRET"],
        r#"(?i:secret)[A-Za-z0-9_.-]{0,20}?(?:\\?['"])?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}\\?['"`]([^'"`\s\\]{12,200})\\?['"`]"#,
        "JWT_SECRET = \"{b64:40}\"",
        "JWT_SECRET = \"YOUR_SECRET_HERE\"",
    ),
    context(
        S::GenericToken,
        "a token assigned in code",
        "generic",
        M,
        &["token", "Token", "TOKEN"],
        r#"(?i:token)[A-Za-z0-9_.-]{0,20}?(?:\\?['"])?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}\\?['"`]([^'"`\s\\]{12,200})\\?['"`]"#,
        "authToken = \"{an:40}\"",
        "authToken = \"<token>\"",
    ),
];

const fn count(groups: &[&[Rule]]) -> usize {
    let mut n = 0;
    let mut g = 0;
    while g < groups.len() {
        n += groups[g].len();
        g += 1;
    }
    n
}

const GROUPS: [(Group, &[Rule]); 7] = [
    (Group::Cloud, CLOUD),
    (Group::CodeAndRegistries, CODE),
    (Group::CiAndObservability, CI),
    (Group::DataAndSaas, SAAS),
    (Group::Ai, AI),
    (Group::KeysAndCredentials, KEYS),
    (Group::Generic, GENERIC),
];

const N: usize = count(&[CLOUD, CODE, CI, SAAS, AI, KEYS, GENERIC]);

/// The groups, one after the other, each rule told its group. Known formats come before
/// generic assignments: where two rules match the same text, the earlier one is reported.
const fn join() -> [Rule; N] {
    let mut out = [GENERIC[0]; N];
    let (mut g, mut at) = (0, 0);
    while g < GROUPS.len() {
        let (group, rules) = GROUPS[g];
        let mut i = 0;
        while i < rules.len() {
            out[at] = Rule { group, ..rules[i] };
            at += 1;
            i += 1;
        }
        g += 1;
    }
    out
}

pub(super) static TABLE: [Rule; N] = join();

/// Each rule sits at its id's place in [`S::ALL`], so that an id finds its rule at once
/// (checked when compiling).
const _: () = {
    let table = join();
    let mut i = 0;
    while i < N {
        assert!(
            table[i].id as usize == i,
            "the rules are in SecretId's order"
        );
        i += 1;
    }
};
