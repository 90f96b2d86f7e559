/** The extender's bind: node lock, bind phase and Binding ({@link io.hami.scheduler.bind.Binder}). */
package io.hami.scheduler.bind;
