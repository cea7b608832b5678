// The O(rows x cols) part of the supervised contrastive loss (SupCon, Khosla et al. 2020) in one
// pass per anchor row: masked softmax, the loss of each anchor and the gradient of the loss with
// respect to the logits. The matrix products around it stay separate kernels.
#pragma once

#include <cstdint>

namespace contrastive {

struct SupConRowsInput {
  int rows, cols;
  bool variantIn;          // L_in (log of the mean over positives) instead of L_out
  bool excludeNoPositive;  // anchors without positives leave the mean instead of counting as 0
  float scale;             // temperature / baseTemperature
  float maskOffset;        // subtracted from the self logit (as the composed path does)
  const float* logits;     // [rows, cols], already divided by the temperature
  const float* positive;   // [rows, cols] 0/1 weights, self removed; or null: from labels
  const int32_t* anchorLabels;    // [rows] when positive is null
  const int32_t* contrastLabels;  // [cols] when positive is null
  const int32_t* selfIndex;       // [rows] column of the anchor itself, -1 for none; may be null
};

// loss = sum_i w_i L_i; gradient[i][j] = d loss / d logits[i][j] = w_i (p_ij - q_ij), with
// w_i = scale [i has positives] / (rows, or the number of anchors with positives).
void supConRows(const SupConRowsInput& in, float* loss, float* gradient);

}  // namespace contrastive
