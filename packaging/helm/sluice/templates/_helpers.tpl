{{- define "sluice.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sluice.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "sluice.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "sluice.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sluice.component" -}}
{{- if eq .Values.mode "daemonset" }}node-daemon{{ else }}{{ .Values.mode }}{{ end -}}
{{- end -}}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sluice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: {{ include "sluice.component" . }}
{{- end -}}

{{- define "sluice.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "sluice.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "sluice.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "sluice.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the admin bearer token; empty when admin.token.enabled is false. */}}
{{- define "sluice.tokenSecret" -}}
{{- if .Values.admin.token.enabled -}}
{{- default (printf "%s-admin-token" (include "sluice.fullname" .)) .Values.admin.token.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Beside, not inside, the ConfigMap mount: no mount point inside a read-only projected volume. */}}
{{- define "sluice.tokenDir" -}}/etc/sluice-admin-token{{- end -}}

{{/*
The mode's pipeline (values <mode>.config) as the ConfigMap holds it: with admin.token_file set to
the mounted token when the token is enabled.
*/}}
{{- define "sluice.pipeline" -}}
{{- $config := deepCopy (index .Values .Values.mode "config") -}}
{{- if include "sluice.tokenSecret" . -}}
{{- $admin := deepCopy (default dict $config.admin) -}}
{{- $_ := set $admin "token_file" (printf "%s/%s" (include "sluice.tokenDir" .) .Values.admin.token.key) -}}
{{- $_ := set $config "admin" $admin -}}
{{- end -}}
{{- toYaml $config -}}
{{- end -}}

{{/* The Sluice container of the daemonset and aggregator modes. */}}
{{- define "sluice.container" -}}
{{- $mode := index .Values .Values.mode -}}
- name: sluice
  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  # --watch-config: an edited ConfigMap is validated and applied without a restart.
  args: ["run", "-c", "/etc/sluice/pipeline.yaml", "--watch-config"]
  env:
    # The kubelet probes the pod IP, not loopback.
    - name: SLUICE_ADMIN_LISTEN
      value: "0.0.0.0:{{ .Values.admin.port }}"
    - name: SLUICE_DATA_DIR
      value: /var/lib/sluice
    - name: SLUICE_JAVA_OPTS
      value: {{ $mode.javaOpts | quote }}
    # kubernetes_metadata watches only this node's pods
    - name: NODE_NAME
      valueFrom:
        fieldRef: {fieldPath: spec.nodeName}
    {{- with $mode.env }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with .Values.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  ports:
    - name: admin
      containerPort: {{ .Values.admin.port }}
  startupProbe:
    httpGet: {path: /health/live, port: admin}
    {{- toYaml .Values.probes.startup | nindent 4 }}
  livenessProbe:
    httpGet: {path: /health/live, port: admin}
    {{- toYaml .Values.probes.liveness | nindent 4 }}
  # Not ready while a sink on the delivery path is Unhealthy (circuit open, buffer above 90%);
  # Degraded never fails it.
  readinessProbe:
    httpGet: {path: /health/ready, port: admin}
    {{- toYaml .Values.probes.readiness | nindent 4 }}
  resources:
    {{- toYaml $mode.resources | nindent 4 }}
  securityContext:
    {{- toYaml $mode.securityContext | nindent 4 }}
  volumeMounts:
    - {name: config, mountPath: /etc/sluice, readOnly: true}
    {{- if include "sluice.tokenSecret" . }}
    - {name: admin-token, mountPath: {{ include "sluice.tokenDir" . }}, readOnly: true}
    {{- end }}
    {{- if eq .Values.mode "daemonset" }}
    - {name: varlogcontainers, mountPath: /var/log/containers, readOnly: true}
    # /var/log/containers holds symlinks into /var/log/pods: both must be mounted.
    - {name: varlogpods, mountPath: /var/log/pods, readOnly: true}
    {{- end }}
    - {name: data, mountPath: /var/lib/sluice}
    - {name: tmp, mountPath: /tmp}
    {{- with .Values.extraVolumeMounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* The pod spec of the daemonset and aggregator modes. */}}
{{- define "sluice.podSpec" -}}
{{- $mode := index .Values .Values.mode -}}
serviceAccountName: {{ include "sluice.serviceAccountName" . }}
# The token is for Kubernetes metadata enrichment (rbac.create); without RBAC nothing calls the API.
automountServiceAccountToken: {{ .Values.rbac.create }}
terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $mode.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $mode.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
containers:
  {{- include "sluice.container" . | nindent 2 }}
volumes:
  - name: config
    configMap: {name: {{ include "sluice.fullname" . }}}
  {{- with include "sluice.tokenSecret" . }}
  - name: admin-token
    # Group-readable: a non-root pod reads it through fsGroup.
    secret: {secretName: {{ . }}, defaultMode: 0440}
  {{- end }}
  {{- if eq .Values.mode "daemonset" }}
  - name: varlogcontainers
    hostPath: {path: /var/log/containers, type: Directory}
  - name: varlogpods
    hostPath: {path: /var/log/pods, type: Directory}
  # Checkpoints on the node itself: a replaced pod resumes where the previous one stopped.
  - name: data
    hostPath: {path: {{ $mode.dataHostPath }}, type: DirectoryOrCreate}
  - name: tmp
    emptyDir: {medium: Memory, sizeLimit: 16Mi}
  {{- else }}
  # Stateless: offsets live in Kafka, refused events go to a Kafka topic.
  - name: data
    emptyDir: {sizeLimit: 256Mi}
  # kafka-clients unpacks its zstd/snappy native libraries into java.io.tmpdir.
  - name: tmp
    emptyDir: {sizeLimit: 64Mi}
  {{- end }}
  {{- with .Values.extraVolumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}
