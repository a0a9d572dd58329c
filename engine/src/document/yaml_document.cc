// SPDX-License-Identifier: Apache-2.0
#include "document/yaml_document.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace souple::internal {

namespace {

// Records where the root node of each document starts; builds nothing.
class DocumentMarks : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> root;  // of the current document

  void OnDocumentStart(const YAML::Mark&) override { root.reset(); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

 private:
  void Node(const YAML::Mark& mark) {
    if (!root) root = mark;
  }
};

}  // namespace

SingleYamlDocument LoadSingleYamlDocument(const std::string& text) {
  SingleYamlDocument out;
  {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentMarks marks;
    // At most two documents are read: the first, and the start of a second one.
    if (parser.HandleNextDocument(marks)) {
      const std::optional<YAML::Mark> first = marks.root;
      if (parser.HandleNextDocument(marks)) {
        out.second = marks.root.value_or(YAML::Mark());
        out.stuck = first && first->pos == out.second->pos;
        return out;
      }
    }
  }
  out.node = YAML::Load(text);
  return out;
}

}  // namespace souple::internal
