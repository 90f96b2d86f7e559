{{/* The device plugin's options (hami device-plugin, or the first part of hami node-agent's). */}}
{{- define "hami-java.nvidiaPluginArgs" -}}
{{- $dp := .Values.devicePlugin -}}
- --node-name=$(NODE_NAME)
- --device-plugin-dir={{ $dp.pluginPath }}
- --hook-path={{ .Values.global.gpuHookPath }}
- --device-config-file=/device-config/device-config.yaml
- --node-config-file=/config/config.json
- --device-list-strategy={{ $dp.deviceListStrategy }}
- --mig-strategy={{ $dp.migStrategy }}
- --pass-device-specs={{ $dp.passDeviceSpecsEnabled }}
{{- with $dp.cdiKind }}
- --cdi-kind={{ . }}
{{- end }}
- --device-split-count={{ int64 $dp.deviceSplitCount }}
- --device-memory-scaling={{ $dp.deviceMemoryScaling }}
- --device-cores-scaling={{ $dp.deviceCoreScaling }}
- --disable-core-limit={{ $dp.disableCoreLimit }}
- --mode={{ $dp.mode }}
- --enable-topology-score={{ $dp.enableTopologyScore }}
- --enable-preferred-allocation={{ $dp.enablePreferredAllocation }}
- --lockless={{ $dp.lockless }}
- --health-address=0.0.0.0:{{ $dp.healthPort }}
- --kube-qps={{ $dp.kubeQPS }}
- --kube-burst={{ int64 $dp.kubeBurst }}
{{- with $dp.libvgpuSource }}
- --libvgpu-source={{ . }}
{{- end }}
{{- end -}}

{{/* The node monitor's options (hami monitor, or hami node-agent's after --monitor). */}}
{{- define "hami-java.nvidiaMonitorArgs" -}}
{{- $dp := .Values.devicePlugin -}}
- --node-name=$(NODE_NAME)
- --hook-path={{ $dp.monitor.ctrPath | trimSuffix "/" | trimSuffix "/containers" }}
- --metrics-bind-address=:{{ $dp.monitor.metricsPort }}
- --resource-name={{ .Values.resourceName }}
- --kube-qps={{ $dp.kubeQPS }}
- --kube-burst={{ int64 $dp.kubeBurst }}
{{- if .Values.legacyMetrics }}
- --legacy-metrics=true
{{- end }}
{{- end -}}

{{/* The environment of the plugin's and the monitor's JVM, given a dict: root (the chart's context), jvmOptions. */}}
{{- define "hami-java.nodeDaemonEnv" -}}
- name: NODE_NAME
  valueFrom:
    fieldRef:
      fieldPath: spec.nodeName
- name: NVIDIA_VISIBLE_DEVICES
  value: all
- name: NVIDIA_DRIVER_CAPABILITIES
  value: utility
{{- with .jvmOptions }}
- name: HAMI_JAVA_OPTS
  value: {{ . | quote }}
{{- end }}
{{- with .root.Values.devicePlugin.mallocArenaMax }}
- name: MALLOC_ARENA_MAX
  value: {{ . | quote }}
{{- end }}
{{- end -}}
