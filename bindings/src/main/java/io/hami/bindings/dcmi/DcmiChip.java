package io.hami.bindings.dcmi;

/**
 * One Ascend chip as DCMI addresses it: the card it sits on and its device id within the card, and its logic
 * id (the number {@code npu-smi} shows, 0..N-1).
 *
 * @param card    card id
 * @param device  device id within the card
 * @param logicId logic id
 */
public record DcmiChip(int card, int device, int logicId) {
}
