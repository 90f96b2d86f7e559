{{/*
The host directories each vendor's plugin mounts besides kubelet's device-plugin directory, /dev and the device
config (docs/install.md, "Other vendors", says why each is there). Read-only unless the plugin writes there.
Cambricon's and Moore Threads' libraries live in the host's /usr/lib trees, which would hide the image's own: they
are mounted under /host, and the plugin is pointed at the library there (library).
*/}}
{{- define "hami-java.vendorMounts" -}}
cambricon:
  - {name: host-usr, hostPath: /usr, mountPath: /host/usr, readOnly: true, type: Directory}
ascend:
  - {name: ascend-driver, hostPath: /usr/local/Ascend/driver, mountPath: /usr/local/Ascend/driver, readOnly: true, type: Directory}
  - {name: hami-vnpu-core, hostPath: {{ .Values.devices.ascend.hookPath | quote }}, mountPath: {{ .Values.devices.ascend.hookPath | quote }}, readOnly: false, type: DirectoryOrCreate}
  - {name: hami-shared-region, hostPath: /usr/local/hami-shared-region, mountPath: /usr/local/hami-shared-region, readOnly: false, type: DirectoryOrCreate}
  - {name: tmp, hostPath: /tmp, mountPath: /tmp, readOnly: false, type: Directory}
hygon:
  - {name: hyhal, hostPath: /opt/hyhal, mountPath: /opt/hyhal, readOnly: true, type: Directory}
  - {name: vdev, hostPath: /etc/vdev, mountPath: /etc/vdev, readOnly: false, type: Directory}
  - {name: vgpu, hostPath: /usr/local/vgpu, mountPath: /usr/local/vgpu, readOnly: false, type: DirectoryOrCreate}
iluvatar:
  - {name: corex, hostPath: /usr/local/corex, mountPath: /usr/local/corex, readOnly: true, type: Directory}
metax:
  - {name: mxdriver, hostPath: /opt/mxdriver, mountPath: /opt/mxdriver, readOnly: true, type: Directory}
  - {name: maca, hostPath: /opt/maca, mountPath: /opt/maca, readOnly: true, type: DirectoryOrCreate}
mthreads:
  - {name: host-usr-lib, hostPath: /usr/lib, mountPath: /host/usr/lib, readOnly: true, type: Directory}
{{- end -}}

{{/*
The vendor device plugins the chart runs, as a JSON list, one entry per DaemonSet: id (the --vendor value and the
name's suffix), monitorVendor (the monitor's --vendor value: MetaX's two plugins read one library), settings (the
vendor's values) and mounts. A vendor gets one when devicePlugin.enabled, its
devicePlugin setting is on and the rendered device config has its section (so device-config.content decides too).
MetaX has two, whole GPUs and sGPUs, both under the metax section.
*/}}
{{- define "hami-java.vendorPlugins" -}}
{{- $d := .Values.devices -}}
{{- $config := include "hami-java.deviceConfigYaml" . | fromYaml -}}
{{- $mounts := include "hami-java.vendorMounts" . | fromYaml -}}
{{- $out := list -}}
{{- if .Values.devicePlugin.enabled -}}
{{- range $v := list
      (list "cambricon" "cambricon" $d.cambricon "cambricon")
      (list "ascend" "vnpus" $d.ascend "ascend")
      (list "hygon" "hygon" $d.hygon "hygon")
      (list "iluvatar" "iluvatars" $d.iluvatar "iluvatar")
      (list "metax-gpu" "metax" $d.metax.gpu "metax")
      (list "metax-sgpu" "metax" $d.metax.sgpu "metax")
      (list "mthreads" "mthreads" $d.mthreads "mthreads") -}}
{{- $settings := index $v 2 -}}
{{- if and $settings.devicePlugin (hasKey $config (index $v 1)) -}}
{{- $out = append $out (dict "id" (index $v 0) "monitorVendor" (index $v 3) "settings" $settings "mounts" (get $mounts (index $v 3))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* "true" when a node monitor runs anywhere: in NVIDIA's plugin pods, or beside a vendor plugin whose monitor is on. */}}
{{- define "hami-java.monitors" -}}
{{- $on := include "hami-java.nvidiaPlugin" . -}}
{{- range $plugin := include "hami-java.vendorPlugins" . | fromJsonArray -}}
{{- if $plugin.settings.monitor.enabled -}}{{- $on = "true" -}}{{- end -}}
{{- end -}}
{{- if $on -}}true{{- end -}}
{{- end -}}

{{/* The pod label the monitor Service selects: every pod that runs a node monitor carries it. */}}
{{- define "hami-java.monitorLabel" -}}
hami-java/monitor: "on"
{{- end -}}

{{/* "true" when the NVIDIA device plugin runs: devicePlugin.enabled and the device config has the nvidia section. */}}
{{- define "hami-java.nvidiaPlugin" -}}
{{- $config := include "hami-java.deviceConfigYaml" . | fromYaml -}}
{{- if and .Values.devicePlugin.enabled (hasKey $config "nvidia") -}}true{{- end -}}
{{- end -}}
