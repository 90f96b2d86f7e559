/**
 * Huawei Ascend's DCMI ({@code libdcmi.so}) through Panama FFM: {@link io.hami.bindings.dcmi.DcmiApi} returns
 * each call's status and records, {@link io.hami.bindings.dcmi.FfmDcmi} implements it over a library chosen at
 * run time, and {@link io.hami.bindings.dcmi.Dcmi} is the facade and the vendor's
 * {@link io.hami.bindings.discovery.DeviceDiscovery}.
 *
 * <p>What is particular to DCMI: chips are (card, device) pairs, listed here by logic id (what {@code npu-smi}
 * shows); errors are negative; there is no shutdown. Fault events arrive through a callback the library calls
 * from a thread of its own: {@code dcmi_subscribe_fault_event} takes its filter struct by value and an upcall
 * stub ({@link io.hami.bindings.dcmi.DcmiFaultSubscription}). vNPUs are created from the templates HAMi's
 * {@code vnpus} configuration names ({@code vir02}, {@code vir05_1c_16g}, …).
 */
package io.hami.bindings.dcmi;
