// A small but complete credit pipeline recorded in a real store:
//
//   raw ──clean──► clean ─┐
//                         ├─join──► joined ──features──► features ─┐
//   lookup ───────────────┘                                        ├─train──► credit@1
//   holdout ───────────────────────────────────────────────────────┘
//   (training_set: the same bytes as `features`, registered under another name,
//    is what the training run read)
//
//   new_raw ──clean (inference)──► scoring ──► batch of predictions p0…p4
//
// credit@1 serves in production from 2026-01-15; credit@2 replaces it on
// 2026-03-01, after the predictions of 2026-02-02.
#pragma once

#include "lineage_store.h"

namespace airm::testing {

class PipelineTest : public LineageStore {
 protected:
  void Build();

  int64_t raw = 0, lookup = 0, clean = 0, joined = 0, features = 0, training_set = 0, holdout = 0,
          new_raw = 0, scoring = 0;
  int64_t clean_run = 0, join_run = 0, features_run = 0, training_run = 0, scoring_run = 0;
  int64_t model_v1 = 0, model_v2 = 0;
  int64_t deploy_v1 = 0, deploy_v2 = 0;
  int64_t batch = 0;
};

}  // namespace airm::testing
