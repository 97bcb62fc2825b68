#include "airm/usecases/login_throttle.h"

#include "airm/store/login_throttle.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

Result<int64_t> LoginRetryAfter(const LoginAttempt& a) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(a.store));
  AIRM_ASSIGN_OR_RETURN(auto row, store::FindLoginFailures(*opened.db, a.account, a.client));
  if (!row || row->locked_until_unix <= a.now_unix) return int64_t{0};
  return row->locked_until_unix - a.now_unix;
}

Result<bool> RecordLoginFailure(const LoginAttempt& a) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(a.store));
  bool locked = false;
  // Read and written in one transaction: two servers counting failures of
  // the same pair at once must not both write "1".
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    locked = false;
    // Failures under names nobody has (guessing) would otherwise pile up.
    AIRM_RETURN_IF_ERROR(
        store::DeleteStaleLoginFailures(tx, a.now_unix, a.now_unix - kLoginWindowSeconds));
    AIRM_ASSIGN_OR_RETURN(auto row, store::FindLoginFailures(tx, a.account, a.client));
    store::LoginFailures f = row.value_or(store::LoginFailures{});
    if (f.failures == 0 || a.now_unix - f.first_failure_unix > kLoginWindowSeconds) {
      f.failures = 0;
      f.first_failure_unix = a.now_unix;
    }
    ++f.failures;
    if (f.failures >= kLoginMaxFailures) {
      f.locked_until_unix = a.now_unix + kLoginLockSeconds;
      f.failures = 0;
      locked = true;
    }
    return store::PutLoginFailures(tx, a.account, a.client, f);
  }));
  return locked;
}

Status RecordLoginSuccess(const LoginAttempt& a) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(a.store));
  return store::ClearLoginFailures(*opened.db, a.account, a.client);
}

}  // namespace airm::usecases
