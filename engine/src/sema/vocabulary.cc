// SPDX-License-Identifier: Apache-2.0
// tests/e2e/test_editors.py reads these lists to check the TextMate grammar knows them.
#include "sema/vocabulary.h"

namespace souple::internal {

namespace {
const std::vector<std::string> kKinds = {"obligation", "formality", "recommendation", "good_practice"};
const std::vector<std::string> kConfidences = {"confirmed", "secondary", "unverified"};
const std::vector<std::string> kBuiltins = {"known", "count", "starts_with", "contains", "evaluation_date"};
const std::vector<std::string> kSourceFields = {"publisher", "title", "title_fr", "title_en", "reference",
                                                "adopted", "published", "url", "status", "version"};
}  // namespace

const std::vector<std::string>& RuleKinds() { return kKinds; }
const std::vector<std::string>& Confidences() { return kConfidences; }
const std::vector<std::string>& BuiltinNames() { return kBuiltins; }
const std::vector<std::string>& SourceFieldNames() { return kSourceFields; }

}  // namespace souple::internal
