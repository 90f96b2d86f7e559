/** The daemons' API client settings: how fast they may call the API server ({@code --kube-qps}, {@code --kube-burst}). */
package io.hami.cli.kube;
