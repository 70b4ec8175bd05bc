package io.sluice.outputs.elasticsearch;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.OptionType;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.tls.TlsOptions;


import java.time.Duration;
import java.util.List;

/** The options of {@code type: elasticsearch}, declared once for validation and the reference docs. */
public final class ElasticsearchOptions {
    private ElasticsearchOptions() {}

    public static final Option<List<String>> HOSTS = Option.of("hosts", Types.STRING_LIST).required()
            .check(Hosts::allValid, "each host must be an http:// or https:// URL with a host and no path,"
                    + " e.g. https://es-1:9200")
            .doc("Elasticsearch nodes as URLs (https://es-1:9200); requests go round-robin and fail over between them")
            .build();

    private static final OptionType<TargetTemplate> NAME_TEMPLATE = Types.text(
            "name template over event fields", TargetTemplate::parse);

    public static final Option<TargetTemplate> DATA_STREAM = Option.of("data_stream", NAME_TEMPLATE)
            .defaultValue(TargetTemplate.builtIn("logs-{service.name}-default"))
            .doc("the data stream to write to, a template over event fields such as {service.name}")
            .build();

    public static final Option<TargetTemplate> INDEX = Option.of("index", NAME_TEMPLATE)
            .doc("write to indices instead of a data stream: a template over event fields and the event's"
                    + " @timestamp date (%Y %m %d %H), e.g. logs-{service.name}-%Y.%m.%d")
            .build();

    public static final Option<String> USERNAME = Option.of("username", Types.STRING)
            .doc("basic authentication user; needs password").build();
    public static final Option<String> PASSWORD = Option.of("password", Types.STRING)
            .doc("basic authentication password; write ${ES_PASSWORD} to take it from the environment").build();
    public static final Option<String> API_KEY = Option.of("api_key", Types.STRING)
            .doc("an API key, the base64 'id:key' form Elasticsearch returns as 'encoded'").build();
    public static final Option<String> BEARER_TOKEN = Option.of("bearer_token", Types.STRING)
            .doc("an OAuth2 or service account token, sent as 'Authorization: Bearer'").build();
    public static final Option<String> PASSWORD_FILE = Option.of("password_file", Types.STRING)
            .doc("a file holding the password (a mounted secret); read on start, surrounding whitespace ignored").build();
    public static final Option<String> API_KEY_FILE = Option.of("api_key_file", Types.STRING)
            .doc("a file holding the API key; read on start").build();
    public static final Option<String> BEARER_TOKEN_FILE = Option.of("bearer_token_file", Types.STRING)
            .doc("a file holding the bearer token; read on start").build();
    public static final OptionSpec AUTH = OptionSpec.of("auth",
            "one of: username and password, api_key, bearer_token, each secret inline (or ${ENV_VAR}) or from a"
                    + " *_file; secrets are never logged",
            USERNAME, PASSWORD, PASSWORD_FILE, API_KEY, API_KEY_FILE, BEARER_TOKEN, BEARER_TOKEN_FILE)
            .rule(OptionRule.atMostOneOf(PASSWORD, PASSWORD_FILE),
                    OptionRule.atMostOneOf(API_KEY, API_KEY_FILE),
                    OptionRule.atMostOneOf(BEARER_TOKEN, BEARER_TOKEN_FILE),
                    OptionRule.of("`username` goes with `password` or `password_file`",
                            "username and password (or password_file) go together",
                            a -> a.isSet(USERNAME) == (a.isSet(PASSWORD) || a.isSet(PASSWORD_FILE)),
                            USERNAME, PASSWORD, PASSWORD_FILE),
                    OptionRule.of("at most one method: `username` with a password, `api_key` or `bearer_token`",
                            "choose one of username/password, api_key, bearer_token",
                            a -> Auth.methodsGiven(a) <= 1,
                            USERNAME, PASSWORD, PASSWORD_FILE, API_KEY, API_KEY_FILE, BEARER_TOKEN, BEARER_TOKEN_FILE));

    public static final Option<Options> AUTH_BLOCK = Option.block("auth", AUTH).doc("authentication").build();
    public static final Option<Options> TLS_BLOCK = Option.block("tls", TlsOptions.CLIENT)
            .doc("HTTPS trust, and a client certificate for PKI authentication").build();

    public static final Option<Integer> CONCURRENCY = Option.of("concurrency", Types.INT).defaultValue(2)
            .check(v -> v >= 1 && v <= 64, "must be 1 to 64")
            .doc("how many bulk requests may be in flight at once").build();

    public static final Option<Duration> REQUEST_TIMEOUT = Option.of("request_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(60)).doc("how long one bulk request may take before it is retried").build();

    public static final Option<Boolean> MANAGE_TEMPLATE = Option.of("manage_template", Types.BOOL).defaultValue(true)
            .doc("install the schema v1 index template for the target on start; false leaves templates to you").build();

    public static final OptionSpec SPEC = OptionSpec.of("elasticsearch",
            "writes events to Elasticsearch with bulk create requests, exactly once per document id",
            HOSTS, DATA_STREAM, INDEX, AUTH_BLOCK, TLS_BLOCK, CONCURRENCY, REQUEST_TIMEOUT, MANAGE_TEMPLATE)
            .rule(OptionRule.atMostOneOf(DATA_STREAM, INDEX));
}
