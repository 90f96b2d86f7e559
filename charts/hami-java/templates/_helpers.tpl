{{/* The release's base name, at most 40 characters so that suffixed names stay within 63. */}}
{{- define "hami-java.fullname" -}}
{{- if contains "hami" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "hami-java.scheduler" -}}{{ include "hami-java.fullname" . }}-scheduler{{- end -}}
{{- define "hami-java.devicePlugin" -}}{{ include "hami-java.fullname" . }}-device-plugin{{- end -}}
{{- define "hami-java.installer" -}}{{ include "hami-java.fullname" . }}-runtime-installer{{- end -}}
{{- define "hami-java.certs" -}}{{ include "hami-java.fullname" . }}-certs{{- end -}}
{{- define "hami-java.tlsSecret" -}}{{ include "hami-java.scheduler" . }}-tls{{- end -}}
{{- define "hami-java.webhook" -}}{{ include "hami-java.fullname" . }}-webhook{{- end -}}
{{- define "hami-java.deviceConfig" -}}{{ include "hami-java.fullname" . }}-device-config{{- end -}}

{{- define "hami-java.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.global.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component; the scheduler's value is what the hami scheduler's leader labeller looks for. */}}
{{- define "hami-java.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "hami-java.image" -}}
{{- $tag := .Values.image.tag | default .Values.global.imageTag | default .Chart.AppVersion -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}

{{/* The hami launcher in the image. */}}
{{- define "hami-java.command" -}}
- /opt/hami-java/bin/hami
{{- end -}}

{{/* The Kubernetes version rendered for: the kubeVersion value, else the cluster's; "v" and build suffixes removed. */}}
{{- define "hami-java.kubeVersion" -}}
{{- $v := .Values.kubeVersion | default .Capabilities.KubeVersion.Version | toString -}}
{{- $core := regexFind "[0-9]+\\.[0-9]+(\\.[0-9]+)?" $v -}}
{{- if not $core -}}
{{- fail (printf "kubeVersion: expected a version such as 1.29.4, found %q" $v) -}}
{{- end -}}
{{- if eq (len (splitList "." $core)) 2 -}}{{ $core }}.0{{- else -}}{{ $core }}{{- end -}}
{{- end -}}

{{- define "hami-java.kubeMinor" -}}
{{- $parts := splitList "." (include "hami-java.kubeVersion" .) -}}
{{- if ne (index $parts 0) "1" -}}
{{- fail (printf "kubeVersion: only Kubernetes 1.x is known, found %s" (include "hami-java.kubeVersion" .)) -}}
{{- end -}}
{{- index $parts 1 | atoi -}}
{{- end -}}

{{/* KubeSchedulerConfiguration apiVersion: v1 from 1.25, v1beta3 on 1.23-1.24, v1beta2 on 1.22. */}}
{{- define "hami-java.schedulerConfigApiVersion" -}}
{{- $override := .Values.scheduler.kubeScheduler.configApiVersion -}}
{{- $minor := include "hami-java.kubeMinor" . | atoi -}}
{{- if $override -}}
{{- if not (has $override (list "kubescheduler.config.k8s.io/v1" "kubescheduler.config.k8s.io/v1beta3" "kubescheduler.config.k8s.io/v1beta2")) -}}
{{- fail (printf "scheduler.kubeScheduler.configApiVersion: expected kubescheduler.config.k8s.io/v1, v1beta3 or v1beta2, found %q" $override) -}}
{{- end -}}
{{- $override -}}
{{- else if ge $minor 25 -}}
kubescheduler.config.k8s.io/v1
{{- else if ge $minor 23 -}}
kubescheduler.config.k8s.io/v1beta3
{{- else if eq $minor 22 -}}
kubescheduler.config.k8s.io/v1beta2
{{- else -}}
{{- fail (printf "Kubernetes %s: the chart needs 1.22 or newer (KubeSchedulerConfiguration v1beta2)" (include "hami-java.kubeVersion" .)) -}}
{{- end -}}
{{- end -}}

{{- define "hami-java.kubeSchedulerImage" -}}
{{- $tag := .Values.scheduler.kubeScheduler.image.tag | default (printf "v%s" (include "hami-java.kubeVersion" .)) -}}
{{- printf "%s:%s" .Values.scheduler.kubeScheduler.image.repository $tag -}}
{{- end -}}

{{/* device-config.yaml in HAMi's schema: the device-config.content value verbatim, else rendered from the values. */}}
{{- define "hami-java.deviceConfigYaml" -}}
{{- $content := index .Values "device-config" "content" -}}
{{- if $content -}}
{{ $content }}
{{- else -}}
{{- $d := .Values.devices -}}
{{- if $d.nvidia.enabled }}
nvidia:
  resourceCountName: {{ .Values.resourceName | quote }}
  resourceMemoryName: {{ .Values.resourceMem | quote }}
  resourceMemoryPercentageName: {{ .Values.resourceMemPercentage | quote }}
  resourceCoreName: {{ .Values.resourceCores | quote }}
  resourcePriorityName: {{ .Values.resourcePriority | quote }}
  overwriteEnv: {{ $d.nvidia.overwriteEnv }}
  defaultMemory: {{ int64 $d.nvidia.defaultMemory }}
  defaultCores: {{ int64 $d.nvidia.defaultCores }}
  defaultGPUNum: {{ int64 $d.nvidia.defaultGPUNum }}
  memoryFactor: {{ int64 $d.nvidia.memoryFactor }}
  gpuCorePolicy: {{ $d.nvidia.gpuCorePolicy | quote }}
  runtimeClassName: {{ $d.nvidia.runtimeClassName | quote }}
  migProfileAllowlist: {{ toJson $d.nvidia.migProfileAllowlist }}
  disableCoreLimit: {{ .Values.devicePlugin.disableCoreLimit }}
  deviceSplitCount: {{ int64 .Values.devicePlugin.deviceSplitCount }}
  deviceMemoryScaling: {{ .Values.devicePlugin.deviceMemoryScaling }}
  deviceCoreScaling: {{ .Values.devicePlugin.deviceCoreScaling }}
  libCudaLogLevel: {{ int64 $d.nvidia.libCudaLogLevel }}
  enableNumaTopology: {{ $d.nvidia.enableNumaTopology }}
{{- end }}
{{- if $d.cambricon.enabled }}
cambricon:
{{ toYaml $d.cambricon.customresources | indent 2 }}
{{- end }}
{{- if $d.hygon.enabled }}
hygon:
{{ toYaml $d.hygon.customresources | indent 2 }}
  memoryFactor: {{ int64 $d.hygon.memoryFactor }}
{{- end }}
{{- if $d.metax.enabled }}
metax:
{{ toYaml $d.metax.customresources | indent 2 }}
  sgpuTopologyAware: {{ $d.metax.sgpuTopologyAware }}
{{- end }}
{{- if $d.mthreads.enabled }}
mthreads:
{{ toYaml $d.mthreads.customresources | indent 2 }}
{{- end }}
{{- range $section := list "enflame" "kunlun" "awsneuron" "amd" "vastai" "biren" }}
{{- $v := index $d $section }}
{{- if and $v $v.enabled }}
{{ $section }}:
{{ toYaml $v.customresources | indent 2 }}
{{- end }}
{{- end }}
{{- if and $d.iluvatar.enabled $d.iluvatar.chips }}
iluvatars:
{{ toYaml $d.iluvatar.chips | indent 2 }}
{{- end }}
{{- if $d.ascend.enabled }}
vnpus:
  hamiVnpuCore: {{ $d.ascend.hamiVnpuCore }}
  configs:
{{ toYaml $d.ascend.configs | indent 4 }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
Every resource name the device config gives a pod: the extender manages them all (kube-scheduler ignores them).
Reads the rendered device-config.yaml, so device-config.content counts too.
*/}}
{{- define "hami-java.managedResources" -}}
{{- $config := include "hami-java.deviceConfigYaml" . | fromYaml -}}
{{- if hasKey $config "Error" -}}
{{- fail (printf "device-config.yaml is not YAML: %s" $config.Error) -}}
{{- end -}}
{{- $names := list -}}
{{- range $section, $body := $config -}}
{{- if kindIs "map" $body -}}
{{- range $key, $value := $body -}}
{{- if and (kindIs "string" $value) (hasPrefix "resource" $key) (or (hasSuffix "Name" $key) (hasPrefix "resourceName" $key)) $value -}}
{{- $names = append $names $value -}}
{{- end -}}
{{- end -}}
{{- range $item := (get $body "configs" | default list) -}}
{{- range $key, $value := $item -}}
{{- if and (kindIs "string" $value) (hasPrefix "resource" $key) (or (hasSuffix "Name" $key) (hasPrefix "resourceName" $key)) $value -}}
{{- $names = append $names $value -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- else if kindIs "slice" $body -}}
{{- range $item := $body -}}
{{- range $key, $value := $item -}}
{{- if and (kindIs "string" $value) (hasPrefix "resource" $key) (or (hasSuffix "Name" $key) (hasPrefix "resourceName" $key)) $value -}}
{{- $names = append $names $value -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson (uniq $names) -}}
{{- end -}}

{{/* The port of scheduler.metricsBindAddress ("[host]:port"). */}}
{{- define "hami-java.schedulerMetricsPort" -}}
{{- $port := regexFind "[0-9]+$" .Values.scheduler.metricsBindAddress -}}
{{- if not $port -}}
{{- fail (printf "scheduler.metricsBindAddress: expected [host]:port, found %q" .Values.scheduler.metricsBindAddress) -}}
{{- end -}}
{{- $port -}}
{{- end -}}
