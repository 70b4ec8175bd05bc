package io.sluice.api.event;


import java.util.Set;
import java.util.function.Function;

/**
 * Reads an event field by its schema v1 path ({@code log.level}, {@code service.name},
 * {@code labels.env}, {@code attributes.user_id}...) as text; used by routes and by templates
 * such as {@code logs.{service.name}}.
 */
public final class FieldPaths {
    private FieldPaths() {}

    private static final Set<String> KNOWN = Set.of("@timestamp", "message", "log.level", "service.name", "host.name",
            "input.type", "input.id", "stream", "trace.id", "span.id", "log.file.path", "error.type", "error.message",
            "container.id", "container.name", "kubernetes.namespace", "kubernetes.pod.name", "kubernetes.container.name",
            "log.syslog.appname", "log.syslog.hostname", "log.syslog.msgid", "log.syslog.procid",
            "log.syslog.severity.code", "log.syslog.facility.code", "log.syslog.severity.name", "log.syslog.facility.name",
            "tags", "kubernetes.node.name", "container.image.name", "kubernetes.deployment.name",
            "kubernetes.statefulset.name", "kubernetes.daemonset.name", "kubernetes.job.name", "kubernetes.cronjob.name");

    private static final String K8S_LABELS = "kubernetes.labels.";
    private static final String K8S_ANNOTATIONS = "kubernetes.annotations.";

    /** True when the path names a field this class can read; config validation uses it. */
    public static boolean isKnown(String path) {
        return KNOWN.contains(path) || path.startsWith("labels.") || path.startsWith("attributes.")
                || path.startsWith(K8S_LABELS) || path.startsWith(K8S_ANNOTATIONS);
    }

    /** A reader for the path, or null when the path is not known. */
    public static Function<LogEvent, String> reader(String path) {
        if (path.startsWith("labels.")) {
            String key = path.substring("labels.".length());
            return e -> e.labels() == null ? null : e.labels().get(key);
        }
        if (path.startsWith("attributes.")) {
            String key = path.substring("attributes.".length());
            return e -> AttributeLookup.find(e, key);
        }
        if (path.startsWith(K8S_LABELS)) {
            String key = path.substring(K8S_LABELS.length());
            return e -> e.kubernetes() == null ? null : e.kubernetes().labels().get(key);
        }
        if (path.startsWith(K8S_ANNOTATIONS)) {
            String key = path.substring(K8S_ANNOTATIONS.length());
            return e -> e.kubernetes() == null ? null : e.kubernetes().annotations().get(key);
        }
        return switch (path) {
            case "@timestamp" -> e -> io.sluice.api.schema.Timestamps.format(e.timestampNanos());
            case "message" -> LogEvent::message;
            case "log.level" -> e -> e.level() == null ? null : e.level().text();
            case "service.name" -> LogEvent::serviceName;
            case "host.name" -> LogEvent::hostName;
            case "input.type" -> LogEvent::inputType;
            case "input.id" -> LogEvent::inputId;
            case "stream" -> LogEvent::stream;
            case "trace.id" -> LogEvent::traceId;
            case "span.id" -> LogEvent::spanId;
            case "log.file.path" -> LogEvent::filePath;
            case "error.type" -> LogEvent::errorType;
            case "error.message" -> LogEvent::errorMessage;
            case "container.id" -> e -> container(e, ContainerFields::containerId);
            case "container.name" -> e -> container(e, ContainerFields::containerName);
            case "kubernetes.namespace" -> e -> container(e, ContainerFields::kubernetesNamespace);
            case "kubernetes.pod.name" -> e -> container(e, ContainerFields::kubernetesPodName);
            case "kubernetes.container.name" -> e -> container(e, ContainerFields::kubernetesContainerName);
            case "log.syslog.appname" -> e -> syslog(e, SyslogFields::appname);
            case "log.syslog.hostname" -> e -> syslog(e, SyslogFields::hostname);
            case "log.syslog.msgid" -> e -> syslog(e, SyslogFields::msgid);
            case "log.syslog.procid" -> e -> syslog(e, SyslogFields::procid);
            case "log.syslog.severity.code" -> e -> syslogCode(e, SyslogFields::severityCode);
            case "log.syslog.facility.code" -> e -> syslogCode(e, SyslogFields::facilityCode);
            case "log.syslog.severity.name" -> e -> e.syslog() == null ? null : SyslogFields.severityName(e.syslog().severityCode());
            case "log.syslog.facility.name" -> e -> e.syslog() == null ? null : SyslogFields.facilityName(e.syslog().facilityCode());
            case "tags" -> e -> String.join(",", e.tags());
            case "kubernetes.node.name" -> e -> e.kubernetes() == null ? null : e.kubernetes().nodeName();
            case "container.image.name" -> e -> e.kubernetes() == null ? null : e.kubernetes().imageName();
            case "kubernetes.deployment.name" -> e -> owner(e, "Deployment");
            case "kubernetes.statefulset.name" -> e -> owner(e, "StatefulSet");
            case "kubernetes.daemonset.name" -> e -> owner(e, "DaemonSet");
            case "kubernetes.job.name" -> e -> owner(e, "Job");
            case "kubernetes.cronjob.name" -> e -> owner(e, "CronJob");
            default -> null;
        };
    }

    private static String container(LogEvent e, Function<ContainerFields, String> f) {
        return e.container() == null ? null : f.apply(e.container());
    }

    private static String owner(LogEvent e, String kind) {
        return e.kubernetes() == null ? null : e.kubernetes().ownerName(kind);
    }

    private static String syslog(LogEvent e, Function<SyslogFields, String> f) {
        return e.syslog() == null ? null : f.apply(e.syslog());
    }

    private static String syslogCode(LogEvent e, java.util.function.ToIntFunction<SyslogFields> f) {
        if (e.syslog() == null) return null;
        int v = f.applyAsInt(e.syslog());
        return v == SyslogFields.UNSET ? null : Integer.toString(v);
    }
}
