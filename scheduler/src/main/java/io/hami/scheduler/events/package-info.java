/** Kubernetes Events about scheduling decisions, recorded asynchronously ({@link io.hami.scheduler.events.EventSink}). */
package io.hami.scheduler.events;
