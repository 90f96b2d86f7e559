/**
 * Kubernetes resource quantities ({@code 16Gi}, {@code 1500m}) as exact values, and the vendor rules HAMi
 * applies to them: device counts, memory in the vendor's unit, percentages.
 */
package io.hami.model.quantity;
