#include "supcon_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace contrastive {
namespace {

// Positives are 0/1 weights; a row "has positives" as in the composed path (sum > 1e-6).
constexpr double kHasPositive = 1e-6;

inline float positiveAt(const SupConRowsInput& in, int i, int j) {
  if (in.positive) return in.positive[static_cast<long>(i) * in.cols + j];
  if (in.selfIndex && in.selfIndex[i] == j) return 0.0f;
  return in.anchorLabels[i] == in.contrastLabels[j] ? 1.0f : 0.0f;
}

}  // namespace

void supConRows(const SupConRowsInput& in, float* loss, float* gradient) {
  const int rows = in.rows;
  const int cols = in.cols;
  std::vector<double> positiveCount(rows);
#pragma omp parallel for schedule(static)
  for (int i = 0; i < rows; i++) {
    double count = 0;
    for (int j = 0; j < cols; j++) count += positiveAt(in, i, j);
    positiveCount[i] = count;
  }
  int withPositives = 0;
  for (double count : positiveCount) withPositives += count > kHasPositive;
  const double denominator = in.excludeNoPositive ? std::max(withPositives, 1) : rows;

  double total = 0;
#pragma omp parallel for schedule(static) reduction(+ : total)
  for (int i = 0; i < rows; i++) {
    const float* logit = in.logits + static_cast<long>(i) * cols;
    float* grad = gradient + static_cast<long>(i) * cols;
    const int self = in.selfIndex ? in.selfIndex[i] : -1;
    const double weight = positiveCount[i] > kHasPositive ? in.scale / denominator : 0.0;
    const double safeCount = std::max(positiveCount[i], 1.0);

    // Softmax over the row with the self logit pushed down by maskOffset (not removed), exactly
    // as the composed path masks it, so both agree even for a row whose only entry is itself.
    float rowMax = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < cols; j++) rowMax = std::max(rowMax, j == self ? logit[j] - in.maskOffset : logit[j]);
    double z = 0;
    for (int j = 0; j < cols; j++) {
      const float e = std::exp((j == self ? logit[j] - in.maskOffset : logit[j]) - rowMax);
      grad[j] = e;
      z += e;
    }
    const double logDenominator = rowMax + std::log(z);
    const double softmaxScale = weight / z;

    double perAnchor;
    if (!in.variantIn) {
      double positiveSum = 0;
      for (int j = 0; j < cols; j++) positiveSum += positiveAt(in, i, j) * logit[j];
      perAnchor = logDenominator - positiveSum / safeCount;
      const double targetScale = weight / safeCount;
      for (int j = 0; j < cols; j++) {
        grad[j] = static_cast<float>(grad[j] * softmaxScale - positiveAt(in, i, j) * targetScale);
      }
    } else {
      // Softmax restricted to the positives (non-positives pushed down by maskOffset).
      float positiveMax = -std::numeric_limits<float>::infinity();
      for (int j = 0; j < cols; j++) {
        positiveMax = std::max(positiveMax, logit[j] + (positiveAt(in, i, j) - 1.0f) * in.maskOffset);
      }
      double zPositive = 0;
      for (int j = 0; j < cols; j++) {
        zPositive += std::exp(logit[j] + (positiveAt(in, i, j) - 1.0f) * in.maskOffset - positiveMax);
      }
      perAnchor = logDenominator - (positiveMax + std::log(zPositive)) + std::log(safeCount);
      const double targetScale = weight / zPositive;
      for (int j = 0; j < cols; j++) {
        const double ePositive =
            std::exp(logit[j] + (positiveAt(in, i, j) - 1.0f) * in.maskOffset - positiveMax);
        grad[j] = static_cast<float>(grad[j] * softmaxScale - ePositive * targetScale);
      }
    }
    total += weight * perAnchor;
  }
  *loss = static_cast<float>(total);
}

}  // namespace contrastive
