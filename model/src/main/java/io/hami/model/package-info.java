/**
 * The HAMi wire model shared by every daemon: devices, requests and allocations as records, vendor
 * descriptors as data, one codec per annotation or file format ({@code device-config.yaml}).
 */
package io.hami.model;
