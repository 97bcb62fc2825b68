// Approvals that stopped counting, as JSON, shared by the escalation status
// and the governance report: [{system, model, board, reason, signers,
// controls, detail}].
#pragma once

#include <vector>

#include "airm/governance/escalation.h"
#include "airm/report/json_util.h"

namespace airm::report {

Json StaleApprovalsJson(const std::vector<governance::StaleApproval>& stale);

}  // namespace airm::report
